using System.Collections.Immutable;

namespace Surge.LoadBalancer.Pools;

/// <summary>The members of one service's backend pool, each with the endpoint it serves on and its weight, and the drains in progress.</summary>
/// <param name="Endpoints">The members' endpoints by instance id.</param>
/// <param name="Drains">The drains that have started and not finished, by the saga that requested each.</param>
public sealed record BackendPool(ImmutableDictionary<Guid, string> Endpoints, ImmutableDictionary<Guid, PendingDrain> Drains)
{
    /// <summary>The pool of a service that never had a backend.</summary>
    public static BackendPool Empty { get; } = new(ImmutableDictionary<Guid, string>.Empty, ImmutableDictionary<Guid, PendingDrain>.Empty);

    /// <summary>The members' weights by instance id. A member has weight <see cref="BackendWeightLimits.Default"/> until a weight event changes it.</summary>
    public ImmutableDictionary<Guid, int> Weights { get; init; } = ImmutableDictionary<Guid, int>.Empty;

    /// <summary>Returns the member's weight, or null when the instance is not a member.</summary>
    public int? WeightOf(Guid instanceId) =>
        Endpoints.ContainsKey(instanceId) ? Weights.GetValueOrDefault(instanceId, BackendWeightLimits.Default) : null;

    /// <summary>Returns whether the instance is a member that a pending drain covers, so it receives no new requests.</summary>
    public bool IsDraining(Guid instanceId) =>
        Endpoints.ContainsKey(instanceId) && Drains.Values.Any(drain => drain.InstanceIds.Contains(instanceId));

    /// <summary>Returns the pool after <paramref name="event"/>. Events of other types leave it unchanged.</summary>
    public static BackendPool Evolve(BackendPool state, object @event) => @event switch
    {
        BackendAdded added => state with
        {
            Endpoints = state.Endpoints.SetItem(added.InstanceId, added.Endpoint),
            Weights = state.Weights.SetItem(added.InstanceId, added.Weight),
        },
        BackendRemoved removed => state with
        {
            Endpoints = state.Endpoints.Remove(removed.InstanceId),
            Weights = state.Weights.Remove(removed.InstanceId),
        },
        BackendWeightChanged changed when state.Endpoints.ContainsKey(changed.InstanceId) =>
            state with { Weights = state.Weights.SetItem(changed.InstanceId, changed.Weight) },
        DrainStarted started => state with
        {
            Drains = state.Drains.SetItem(
                started.SagaId,
                state.Drains.TryGetValue(started.SagaId, out var pending)
                    ? pending.Extend(started)
                    : new PendingDrain([.. started.InstanceIds], started.Until, started.KeepMembers)),
        },
        DrainFinished finished => state with { Drains = state.Drains.Remove(finished.SagaId) },
        _ => state,
    };
}
