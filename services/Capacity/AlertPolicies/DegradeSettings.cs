namespace Surge.Capacity.AlertPolicies;

/// <summary>When the scale-out an alert starts should switch degradation on at the load balancer.</summary>
/// <param name="WhileScaling">Switch degradation on for every scale-out of the policy, from its first step until the new instances serve.</param>
/// <param name="MaxTimeToCapacity">The longest acceptable time until the new instances serve, such as <c>3m</c>; a scale-out expected to take longer degrades.</param>
public sealed record DegradeSettings(bool WhileScaling = false, string? MaxTimeToCapacity = null);
