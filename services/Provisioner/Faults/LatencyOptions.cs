namespace Surge.Provisioner.Faults;

/// <summary>
/// The latency distribution of one provider operation, bound from <c>&lt;Provider&gt;:Operations:&lt;Operation&gt;:Latency</c>.
/// Each <see cref="Kind"/> reads only the parameters it needs and ignores the others.
/// </summary>
public sealed class LatencyOptions
{
    /// <summary>The shape of the distribution. Default <see cref="LatencyKind.Fixed"/>.</summary>
    public LatencyKind Kind { get; set; } = LatencyKind.Fixed;

    /// <summary>The latency of <see cref="LatencyKind.Fixed"/>, and the mean of <see cref="LatencyKind.Normal"/> and <see cref="LatencyKind.Exponential"/>.</summary>
    public TimeSpan? Mean { get; set; }

    /// <summary>The lower bound of <see cref="LatencyKind.Uniform"/>.</summary>
    public TimeSpan? Min { get; set; }

    /// <summary>
    /// The upper bound of <see cref="LatencyKind.Uniform"/>, and the optional clamp of <see cref="LatencyKind.Normal"/> and
    /// <see cref="LatencyKind.Exponential"/>, whose samples are otherwise unbounded above.
    /// </summary>
    public TimeSpan? Max { get; set; }

    /// <summary>The standard deviation of <see cref="LatencyKind.Normal"/>.</summary>
    public TimeSpan? StdDev { get; set; }
}
