namespace Surge.Provisioner.Faults;

/// <summary>The shape of a latency distribution.</summary>
public enum LatencyKind
{
    /// <summary>Always <see cref="LatencyOptions.Mean"/>.</summary>
    Fixed,

    /// <summary>Evenly spread from <see cref="LatencyOptions.Min"/> to <see cref="LatencyOptions.Max"/>.</summary>
    Uniform,

    /// <summary>
    /// Gaussian with <see cref="LatencyOptions.Mean"/> and <see cref="LatencyOptions.StdDev"/>, clamped at 0 and at
    /// <see cref="LatencyOptions.Max"/> when it is set.
    /// </summary>
    Normal,

    /// <summary>Exponential with <see cref="LatencyOptions.Mean"/>, clamped at <see cref="LatencyOptions.Max"/> when it is set.</summary>
    Exponential,
}
