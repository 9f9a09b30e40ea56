namespace Surge.Provisioner.Simulation.Outages;

/// <summary>A simulated outage of one node, as <c>GET /simulation/nodes/outages</c> lists it.</summary>
/// <param name="Node">The node that cannot be reached.</param>
/// <param name="InstancesSurvive">Whether the node's instances serve again when the outage ends, or are recorded as lost.</param>
/// <param name="Since">When the outage began.</param>
public sealed record NodeOutage(string Node, bool InstancesSurvive, DateTimeOffset Since);
