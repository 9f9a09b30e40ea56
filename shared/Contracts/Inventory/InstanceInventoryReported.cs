namespace Surge.Contracts.Inventory;

/// <summary>
/// What the providers report running at one moment, published by the Provisioner at a fixed interval so Ipam can
/// reconcile its allocations with it. The report is complete: an instance it leaves out, on a node it does not list
/// as unreachable, is not running anywhere the Provisioner knows.
/// </summary>
/// <param name="Instances">Every instance the providers report as starting or running, with the address it uses.</param>
/// <param name="UnreachableNodes">Nodes whose instances could not be listed; what runs on them is unknown, not gone.</param>
/// <param name="At">When the providers were asked; a report only speaks for allocations made before it.</param>
public sealed record InstanceInventoryReported(
    IReadOnlyList<ReportedInstance> Instances,
    IReadOnlyList<string> UnreachableNodes,
    DateTimeOffset At);

/// <summary>One instance a provider reports, on the node it runs on.</summary>
/// <param name="Address">The address the instance uses, or null when the provider does not know it yet.</param>
public sealed record ReportedInstance(Guid InstanceId, string Service, string Node, string? Address);
