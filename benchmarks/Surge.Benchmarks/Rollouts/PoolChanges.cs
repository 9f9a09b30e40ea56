namespace Surge.Benchmarks.Rollouts;

/// <summary>
/// The changes to one service's backend pool while a strategy ran: its size before and after, the instances in both, and
/// the pool stream's events in between.
/// </summary>
public sealed record PoolChanges(int Before, int After, int SameInstances, int Added, int Removed, int WeightChanges)
{
    /// <summary>Compares two pool snapshots and counts the stream events appended between them.</summary>
    public static PoolChanges Between(
        IReadOnlyList<PoolMember> before,
        IReadOnlyList<PoolMember> after,
        IReadOnlyList<string> eventsBefore,
        IReadOnlyList<string> eventsAfter)
    {
        // A stream only grows, so the events of the run are those past the earlier length.
        var during = eventsAfter.Skip(eventsBefore.Count).ToList();
        var sameInstances = before.Select(member => member.InstanceId).Intersect(after.Select(member => member.InstanceId)).Count();
        return new PoolChanges(
            before.Count,
            after.Count,
            sameInstances,
            during.Count(type => type == "BackendAdded"),
            during.Count(type => type == "BackendRemoved"),
            during.Count(type => type == "BackendWeightChanged"));
    }
}
