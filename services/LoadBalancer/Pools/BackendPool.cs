using System.Collections.Immutable;

namespace Surge.LoadBalancer.Pools;

/// <summary>The members of one service's backend pool: each instance and the endpoint it serves on.</summary>
public sealed record BackendPool(ImmutableDictionary<Guid, string> Endpoints)
{
    /// <summary>The pool of a service that never had a backend.</summary>
    public static BackendPool Empty { get; } = new(ImmutableDictionary<Guid, string>.Empty);

    /// <summary>Returns the pool after <paramref name="event"/>. Events of other types leave it unchanged.</summary>
    public static BackendPool Evolve(BackendPool state, object @event) => @event switch
    {
        BackendAdded added => state with { Endpoints = state.Endpoints.SetItem(added.InstanceId, added.Endpoint) },
        BackendRemoved removed => state with { Endpoints = state.Endpoints.Remove(removed.InstanceId) },
        _ => state,
    };
}
