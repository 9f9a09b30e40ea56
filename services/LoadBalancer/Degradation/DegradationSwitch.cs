using System.Collections.Immutable;
namespace Surge.LoadBalancer.Degradation;

/// <summary>One service's degradation: the sagas that hold it on, and the sagas that released it.</summary>
/// <param name="Holders">What each holding saga asked for, by saga id.</param>
/// <param name="Released">The sagas that switched off; a later "on" of theirs is stale.</param>
public sealed record DegradationSwitch(ImmutableDictionary<Guid, DegradationSwitchedOn> Holders, ImmutableHashSet<Guid> Released)
{
    /// <summary>The switch of a service no saga ever degraded.</summary>
    public static DegradationSwitch Off { get; } = new(ImmutableDictionary<Guid, DegradationSwitchedOn>.Empty, ImmutableHashSet<Guid>.Empty);

    /// <summary>Whether at least one saga has the switch on.</summary>
    public bool IsOn => !Holders.IsEmpty;

    /// <summary>Returns the switch after <paramref name="event"/>; events of other types leave it unchanged.</summary>
    public static DegradationSwitch Evolve(DegradationSwitch state, object @event) => @event switch
    {
        DegradationSwitchedOn on => state with { Holders = state.Holders.SetItem(on.SagaId, on) },
        DegradationSwitchedOff off => state with { Holders = state.Holders.Remove(off.SagaId), Released = state.Released.Add(off.SagaId) },
        _ => state,
    };
}
