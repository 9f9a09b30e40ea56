namespace Surge.Provisioner.Faults;

/// <summary>A validated latency distribution that draws one latency per operation call.</summary>
public sealed class LatencyDistribution
{
    private LatencyDistribution(LatencyKind kind, TimeSpan mean, TimeSpan min, TimeSpan? max, TimeSpan stdDev)
    {
        Kind = kind;
        Mean = mean;
        Min = min;
        Max = max;
        StdDev = stdDev;
    }

    /// <summary>The shape of the distribution.</summary>
    public LatencyKind Kind { get; }

    /// <summary>The latency of a fixed distribution, or the mean of a normal or exponential one.</summary>
    public TimeSpan Mean { get; }

    /// <summary>The lower bound of a uniform distribution.</summary>
    public TimeSpan Min { get; }

    /// <summary>The upper bound of a uniform distribution, or the clamp of a normal or exponential one when it has one.</summary>
    public TimeSpan? Max { get; }

    /// <summary>The standard deviation of a normal distribution.</summary>
    public TimeSpan StdDev { get; }

    /// <summary>Creates a distribution that is always <paramref name="latency"/>.</summary>
    public static LatencyDistribution Fixed(TimeSpan latency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(latency, TimeSpan.Zero);
        return new(LatencyKind.Fixed, latency, TimeSpan.Zero, null, TimeSpan.Zero);
    }

    /// <summary>Creates a distribution spread evenly from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static LatencyDistribution Uniform(TimeSpan min, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(min, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, min);
        return new(LatencyKind.Uniform, TimeSpan.Zero, min, max, TimeSpan.Zero);
    }

    /// <summary>Creates a Gaussian distribution, clamped at 0 and at <paramref name="max"/> when it is given.</summary>
    public static LatencyDistribution Normal(TimeSpan mean, TimeSpan stdDev, TimeSpan? max = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mean, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(stdDev, TimeSpan.Zero);
        ThrowIfNegative(max);
        return new(LatencyKind.Normal, mean, TimeSpan.Zero, max, stdDev);
    }

    /// <summary>Creates an exponential distribution with <paramref name="mean"/>, clamped at <paramref name="max"/> when it is given.</summary>
    public static LatencyDistribution Exponential(TimeSpan mean, TimeSpan? max = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(mean, TimeSpan.Zero);
        ThrowIfNegative(max);
        return new(LatencyKind.Exponential, mean, TimeSpan.Zero, max, TimeSpan.Zero);
    }

    /// <summary>Creates the distribution that validated <paramref name="options"/> describe.</summary>
    /// <exception cref="ArgumentException">A parameter that <see cref="LatencyOptions.Kind"/> needs is missing.</exception>
    public static LatencyDistribution From(LatencyOptions options) => options.Kind switch
    {
        LatencyKind.Fixed => Fixed(Require(options.Mean, nameof(options.Mean), options.Kind)),
        LatencyKind.Uniform => Uniform(Require(options.Min, nameof(options.Min), options.Kind), Require(options.Max, nameof(options.Max), options.Kind)),
        LatencyKind.Normal => Normal(Require(options.Mean, nameof(options.Mean), options.Kind), Require(options.StdDev, nameof(options.StdDev), options.Kind), options.Max),
        LatencyKind.Exponential => Exponential(Require(options.Mean, nameof(options.Mean), options.Kind), options.Max),
        _ => throw new ArgumentException($"Latency kind {options.Kind} is not one of {string.Join(", ", Enum.GetNames<LatencyKind>())}.", nameof(options)),
    };

    /// <summary>Draws one latency. A fixed distribution draws no random number, a normal one draws two, the others one.</summary>
    public TimeSpan Sample(Random random) => Kind switch
    {
        LatencyKind.Fixed => Mean,
        LatencyKind.Uniform => Min + ((Max!.Value - Min) * random.NextDouble()),
        LatencyKind.Normal => Clamp(Mean.Ticks + (StdDev.Ticks * StandardNormal(random))),
        LatencyKind.Exponential => Clamp(-Mean.Ticks * Math.Log(1.0 - random.NextDouble())),
        _ => throw new InvalidOperationException($"Latency kind {Kind} has no sampler."),
    };

    // Box-Muller transform. 1 - NextDouble() lies in (0, 1], so the logarithm is finite.
    private static double StandardNormal(Random random)
    {
        var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble()));
        var angle = 2.0 * Math.PI * random.NextDouble();
        return radius * Math.Cos(angle);
    }

    private TimeSpan Clamp(double ticks)
    {
        var upper = Max?.Ticks ?? long.MaxValue;
        return TimeSpan.FromTicks((long)Math.Round(Math.Clamp(ticks, 0.0, upper)));
    }

    private static TimeSpan Require(TimeSpan? value, string parameter, LatencyKind kind) =>
        value ?? throw new ArgumentException($"Latency kind {kind} needs {parameter}.", parameter);

    private static void ThrowIfNegative(TimeSpan? max)
    {
        if (max is { } value)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero, nameof(max));
        }
    }
}
