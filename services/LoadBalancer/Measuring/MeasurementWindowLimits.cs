namespace Surge.LoadBalancer.Measuring;

/// <summary>The range a measurement window is held to.</summary>
public static class MeasurementWindowLimits
{
    /// <summary>The longest window. A saga that needs longer measures several windows.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromHours(1);

    /// <summary>Returns the window within 0 and <see cref="Max"/>.</summary>
    public static TimeSpan Clamp(TimeSpan window)
    {
        if (window < TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return window > Max ? Max : window;
    }
}
