using Surge.Contracts.Inventory;
using Surge.Provisioner.Instances;
using Surge.Provisioner.Querying;

namespace Surge.Provisioner.Inventory;

/// <summary>Builds the <see cref="InstanceInventoryReported"/> message from the recorded instances and the unreachable nodes.</summary>
public static class InventoryReport
{
    /// <summary>
    /// Returns the report of every instance that is starting (requested, including one whose start has not finished)
    /// or running (started), except those on <paramref name="unreachableNodes"/>, whose state is unknown. Instances are
    /// ordered by node and id, and the unreachable nodes by name.
    /// </summary>
    /// <param name="instances">The recorded instances; those in other states are left out.</param>
    /// <param name="unreachableNodes">The nodes whose instances cannot be listed.</param>
    /// <param name="at">When the instances were read.</param>
    public static InstanceInventoryReported Build(IEnumerable<InstanceView> instances, IEnumerable<string> unreachableNodes, DateTimeOffset at)
    {
        var unreachable = unreachableNodes.ToHashSet(StringComparer.Ordinal);
        var reported = instances
            .Where(view => IsStartingOrRunning(view.Status) && !unreachable.Contains(view.Node))
            .OrderBy(view => view.Node, StringComparer.Ordinal)
            .ThenBy(view => view.InstanceId)
            .Select(view => new ReportedInstance(view.InstanceId, view.Service, view.Node, string.IsNullOrWhiteSpace(view.Address) ? null : view.Address))
            .ToList();
        return new InstanceInventoryReported(reported, [.. unreachable.Order(StringComparer.Ordinal)], at);
    }

    /// <summary>Returns whether an instance in <paramref name="status"/> uses its address, because it is starting or running.</summary>
    public static bool IsStartingOrRunning(InstanceStatus status) => status is InstanceStatus.Requested or InstanceStatus.Started;
}
