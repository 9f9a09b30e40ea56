using System.Collections.Immutable;
using Marten;
using Surge.Contracts.Degradation;

namespace Surge.LoadBalancer.Degradation;

/// <summary>
/// The degraded services as the data plane reads them, reloaded from the read models after each commit that switches
/// one and at every refresh. Reads are lock-free: a reload swaps the whole table.
/// </summary>
public sealed class DegradationTable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private ImmutableDictionary<string, DegradedService> services = ImmutableDictionary<string, DegradedService>.Empty;

    /// <summary>Returns the service's degradation, or null while it is not degraded.</summary>
    public DegradedService? Find(string service) => Volatile.Read(ref services).GetValueOrDefault(service);

    /// <summary>Replaces the table with the switched-on services in <paramref name="store"/>; reloads are serialized and each queries after it takes the lock.</summary>
    public async Task ReloadAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var session = store.QuerySession();
            var views = await session.Query<DegradationView>().Where(view => view.On).ToListAsync(cancellationToken);
            Replace(views);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Replaces the table with the switched-on services among <paramref name="views"/>.</summary>
    public void Replace(IEnumerable<DegradationView> views) =>
        Volatile.Write(ref services, views
            .Where(view => view.On)
            .ToImmutableDictionary(view => view.Service, view => new DegradedService(view.NonCriticalRoutes, TimeSpan.FromSeconds(view.RetryAfterSeconds))));
}

/// <summary>A degraded service: the routes the data plane rejects and the <c>Retry-After</c> it sends.</summary>
public sealed record DegradedService(IReadOnlyList<NonCriticalRoute> NonCriticalRoutes, TimeSpan RetryAfter);
