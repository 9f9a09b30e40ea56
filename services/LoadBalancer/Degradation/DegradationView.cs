using JasperFx.Events;
using Marten.Events.Aggregation;
using Surge.Contracts.Degradation;

namespace Surge.LoadBalancer.Degradation;

/// <summary>The read model of one service's degradation, keyed by the switch's stream key, from which the data plane rejects requests.</summary>
/// <param name="On">Whether any saga holds degradation on.</param>
/// <param name="Holders">The sagas that hold it on, oldest first.</param>
/// <param name="ChangedAt">When a saga last switched it on or off.</param>
public sealed record DegradationView(string Id, string Service, bool On, IReadOnlyList<DegradationHolderView> Holders, DateTimeOffset? ChangedAt)
{
    /// <summary>The routes rejected while on: the union of the holders' routes.</summary>
    public IReadOnlyList<NonCriticalRoute> NonCriticalRoutes =>
        [.. Holders.SelectMany(holder => holder.NonCriticalRoutes).DistinctBy(route => (route.PathPrefix.ToUpperInvariant(), string.Join(',', route.Methods.Order(StringComparer.Ordinal))))];

    /// <summary>The <c>Retry-After</c> of rejected requests in seconds: the longest any holder asked for; 0 while off.</summary>
    public int RetryAfterSeconds => Holders.Count == 0 ? 0 : Holders.Max(holder => holder.RetryAfterSeconds);
}

/// <summary>One saga that holds a service's degradation on.</summary>
public sealed record DegradationHolderView(Guid SagaId, string Reason, IReadOnlyList<NonCriticalRoute> NonCriticalRoutes, int RetryAfterSeconds, DateTimeOffset Since);

/// <summary>Projects a switch's events into its <see cref="DegradationView"/> in the transaction that appends them.</summary>
public sealed class DegradationViewProjection : SingleStreamProjection<DegradationView, string>
{
    /// <inheritdoc />
    public override DegradationView? Evolve(DegradationView? snapshot, string id, IEvent e)
    {
        // Marten offers every stream's events to each inline projection; pool streams are not switches.
        if (!DegradationStream.IsKey(id))
        {
            return snapshot;
        }

        var view = snapshot ?? new DegradationView(id, DegradationStream.ServiceOf(id), false, [], null);
        IReadOnlyList<DegradationHolderView>? holders = e.Data switch
        {
            DegradationSwitchedOn on =>
            [
                .. view.Holders.Where(holder => holder.SagaId != on.SagaId),
                new DegradationHolderView(on.SagaId, on.Reason, on.NonCriticalRoutes, (int)on.RetryAfter.TotalSeconds, e.Timestamp),
            ],
            DegradationSwitchedOff off => [.. view.Holders.Where(holder => holder.SagaId != off.SagaId)],
            _ => null,
        };
        return holders is null ? view : view with { Holders = holders, On = holders.Count > 0, ChangedAt = e.Timestamp };
    }
}
