namespace Surge.Ipam.Blocks;

/// <summary>A released address that no instance may get before <paramref name="Until"/>, so caches that still point at it expire first.</summary>
/// <param name="InstanceId">The instance that held it last.</param>
public sealed record QuarantinedAddress(string Address, Guid InstanceId, DateTimeOffset Until)
{
    /// <summary>Whether the quarantine still runs at <paramref name="now"/>.</summary>
    public bool HoldsAt(DateTimeOffset now) => Until > now;
}
