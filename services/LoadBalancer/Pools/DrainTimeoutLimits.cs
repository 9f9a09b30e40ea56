namespace Surge.LoadBalancer.Pools;

/// <summary>The range a drain timeout is held to.</summary>
public static class DrainTimeoutLimits
{
    /// <summary>The maximum drain timeout. A backend whose requests run longer is removed with them still in flight.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(10);

    /// <summary>Returns the timeout within 0 and <see cref="Max"/>: a negative one becomes 0, a longer one becomes <see cref="Max"/>.</summary>
    public static TimeSpan Clamp(TimeSpan timeout) =>
        timeout < TimeSpan.Zero ? TimeSpan.Zero : timeout > Max ? Max : timeout;
}
