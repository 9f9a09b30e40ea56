namespace Surge.Capacity.ScaleOut;

/// <summary>
/// Whether a scale-out degrades its service at the load balancer until the new instances serve traffic. Absent or
/// both fields unset: no degradation.
/// </summary>
/// <param name="WhileScaling">Switch degradation on as the saga's first step, before placement.</param>
/// <param name="MaxTimeToCapacity">
/// The longest wait for capacity that is acceptable without degrading. When the instances need cloud nodes whose
/// expected provisioning time is longer, degradation is switched on when the nodes are requested. Ignored when
/// <paramref name="WhileScaling"/> already switched it on.
/// </param>
public sealed record DegradeWhileScaling(bool WhileScaling = false, TimeSpan? MaxTimeToCapacity = null)
{
    /// <summary>Whether degradation may be switched on at all.</summary>
    public bool IsRequested => WhileScaling || MaxTimeToCapacity is not null;
}
