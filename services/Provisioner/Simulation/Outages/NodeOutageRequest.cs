namespace Surge.Provisioner.Simulation.Outages;

/// <summary>The optional body of <c>POST /simulation/nodes/{node}/outage</c>.</summary>
/// <param name="InstancesSurvive">
/// Whether the node's instances serve again at the same addresses when the outage ends (true, the default), or are
/// recorded as lost then (false).
/// </param>
public sealed record NodeOutageRequest(bool? InstancesSurvive = null);
