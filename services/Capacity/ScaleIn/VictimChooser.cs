using Surge.Capacity.Nodes;

namespace Surge.Capacity.ScaleIn;

/// <summary>
/// Chooses the instances a scale-in removes. Pure: the same nodes and request always give the same victims.
/// </summary>
/// <remarks>
/// Candidates are the service's committed reservations that no running scale-in has marked, outside the pools that
/// are protected because they just absorbed an alarm. Instances on borrowed capacity (a node outside the service's
/// own pool) go first, so lending pools get their capacity back. Those on cloud overflow nodes come next: such nodes
/// cost money and are given back once empty. Then the newest go, then by instance id so the choice is stable.
/// </remarks>
public static class VictimChooser
{
    /// <summary>Chooses <paramref name="count"/> victims of <paramref name="service"/>, or none when that would leave fewer than <paramref name="minInstances"/>.</summary>
    /// <param name="servicePool">The service's own pool; instances elsewhere run on borrowed capacity.</param>
    /// <param name="endpoints">The endpoint of each instance, as its scale-out saga recorded it.</param>
    public static VictimChoice Choose(
        string service,
        string servicePool,
        int minInstances,
        int count,
        IEnumerable<NodeView> nodes,
        IReadOnlyDictionary<Guid, string> endpoints,
        IReadOnlySet<string>? protectedPools = null)
    {
        var candidates = Candidates(service, servicePool, nodes, endpoints, protectedPools);
        var removable = Math.Max(0, candidates.Count - Math.Max(0, minInstances));
        IReadOnlyList<ScaleInVictim> victims = count <= removable ? [.. candidates.Take(count)] : [];
        return new VictimChoice(victims, candidates.Count, removable);
    }

    /// <summary>
    /// Returns the listed instances of <paramref name="service"/> as victims, in the order given, and the ids that are
    /// not its committed instances or that another scale-in already removes. The service's minimum does not apply: the
    /// caller names the instances because it replaces them.
    /// </summary>
    public static (IReadOnlyList<ScaleInVictim> Victims, IReadOnlyList<Guid> Unknown) Named(
        string service,
        string servicePool,
        IReadOnlyList<Guid> instanceIds,
        IEnumerable<NodeView> nodes,
        IReadOnlyDictionary<Guid, string> endpoints)
    {
        var candidates = Candidates(service, servicePool, nodes, endpoints).ToDictionary(victim => victim.InstanceId);
        var distinct = instanceIds.Distinct().ToList();
        return ([.. distinct.Where(candidates.ContainsKey).Select(id => candidates[id])], [.. distinct.Where(id => !candidates.ContainsKey(id))]);
    }

    /// <summary>Returns the service's removable instances, most preferred victim first.</summary>
    public static IReadOnlyList<ScaleInVictim> Candidates(
        string service,
        string servicePool,
        IEnumerable<NodeView> nodes,
        IReadOnlyDictionary<Guid, string> endpoints,
        IReadOnlySet<string>? protectedPools = null) =>
    [
        .. from node in nodes
           where protectedPools is null || !protectedPools.Contains(node.Spec.Pool)
           from reservation in node.Reservations
           where reservation.Service == service && reservation.Committed && reservation.ReleasingSagaId is null
           let borrowed = node.Spec.Pool != servicePool
           let overflow = node.Spec.Provider is not null
           orderby borrowed descending, overflow descending, reservation.ReservedAt ?? DateTimeOffset.MinValue descending, reservation.InstanceId
           select new ScaleInVictim(
               reservation.InstanceId,
               node.Name,
               node.Spec.Pool,
               endpoints.GetValueOrDefault(reservation.InstanceId),
               borrowed,
               reservation.ReservedAt),
    ];
}

/// <summary>The victims chosen for a request, and how many instances were there to choose from.</summary>
/// <param name="Victims">The chosen instances, or none when the request would go below the service's minimum.</param>
/// <param name="RunningCount">The service's committed instances that no other scale-in is removing.</param>
/// <param name="RemovableCount">How many of them may be removed without going below the service's minimum.</param>
public sealed record VictimChoice(IReadOnlyList<ScaleInVictim> Victims, int RunningCount, int RemovableCount);
