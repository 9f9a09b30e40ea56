using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Tests.Faults;

public sealed class LatencyDistributionTests
{
    private const int SampleCount = 50_000;

    private static TimeSpan[] Draw(LatencyDistribution distribution, int seed = 11)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, SampleCount).Select(_ => distribution.Sample(random)).ToArray();
    }

    private static double MeanSeconds(TimeSpan[] samples) => samples.Average(sample => sample.TotalSeconds);

    private static double StdDevSeconds(TimeSpan[] samples)
    {
        var mean = MeanSeconds(samples);
        return Math.Sqrt(samples.Average(sample => Math.Pow(sample.TotalSeconds - mean, 2)));
    }

    [Fact]
    public void Sample_Fixed_AlwaysReturnsMean()
    {
        var samples = Draw(LatencyDistribution.Fixed(TimeSpan.FromMinutes(3)));

        Assert.All(samples, sample => Assert.Equal(TimeSpan.FromMinutes(3), sample));
    }

    [Fact]
    public void Sample_Fixed_DrawsNoRandomNumber()
    {
        var random = new Random(5);
        var untouched = new Random(5);

        LatencyDistribution.Fixed(TimeSpan.FromSeconds(1)).Sample(random);

        Assert.Equal(untouched.NextDouble(), random.NextDouble());
    }

    [Fact]
    public void Sample_Uniform_StaysWithinBounds()
    {
        var samples = Draw(LatencyDistribution.Uniform(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)));

        Assert.All(samples, sample => Assert.InRange(sample, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Sample_Uniform_MeanIsMidpoint()
    {
        var samples = Draw(LatencyDistribution.Uniform(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)));

        Assert.InRange(MeanSeconds(samples), 19.8, 20.2);
    }

    [Fact]
    public void Sample_Uniform_CoversTheWholeRange()
    {
        var samples = Draw(LatencyDistribution.Uniform(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)));

        Assert.InRange(samples.Min(), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10.1));
        Assert.InRange(samples.Max(), TimeSpan.FromSeconds(29.9), TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void Sample_UniformWithEqualBounds_ReturnsThatLatency()
    {
        var samples = Draw(LatencyDistribution.Uniform(TimeSpan.FromSeconds(7), TimeSpan.FromSeconds(7)));

        Assert.All(samples, sample => Assert.Equal(TimeSpan.FromSeconds(7), sample));
    }

    [Fact]
    public void Sample_Normal_MatchesMeanAndStdDev()
    {
        var samples = Draw(LatencyDistribution.Normal(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10)));

        Assert.InRange(MeanSeconds(samples), 59.8, 60.2);
        Assert.InRange(StdDevSeconds(samples), 9.8, 10.2);
    }

    [Fact]
    public void Sample_NormalMeanZero_ClampsHalfAtZero()
    {
        var samples = Draw(LatencyDistribution.Normal(TimeSpan.Zero, TimeSpan.FromSeconds(10)));

        Assert.All(samples, sample => Assert.True(sample >= TimeSpan.Zero, $"Sample {sample} is negative."));
        Assert.InRange(samples.Count(sample => sample == TimeSpan.Zero) / (double)SampleCount, 0.49, 0.51);
    }

    [Fact]
    public void Sample_NormalWithMax_ClampsAtMax()
    {
        var samples = Draw(LatencyDistribution.Normal(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10), max: TimeSpan.FromSeconds(60)));

        Assert.All(samples, sample => Assert.InRange(sample, TimeSpan.Zero, TimeSpan.FromSeconds(60)));
        Assert.InRange(samples.Count(sample => sample == TimeSpan.FromSeconds(60)) / (double)SampleCount, 0.49, 0.51);
    }

    [Fact]
    public void Sample_NormalWithZeroStdDev_ReturnsMean()
    {
        var samples = Draw(LatencyDistribution.Normal(TimeSpan.FromSeconds(5), TimeSpan.Zero));

        Assert.All(samples, sample => Assert.Equal(TimeSpan.FromSeconds(5), sample));
    }

    [Fact]
    public void Sample_Exponential_MatchesMean()
    {
        var samples = Draw(LatencyDistribution.Exponential(TimeSpan.FromSeconds(60)));

        Assert.InRange(MeanSeconds(samples), 59.0, 61.0);
    }

    [Fact]
    public void Sample_Exponential_StdDevEqualsMean()
    {
        var samples = Draw(LatencyDistribution.Exponential(TimeSpan.FromSeconds(60)));

        Assert.InRange(StdDevSeconds(samples), 58.0, 62.0);
    }

    [Fact]
    public void Sample_Exponential_IsNeverNegative()
    {
        var samples = Draw(LatencyDistribution.Exponential(TimeSpan.FromSeconds(60)));

        Assert.All(samples, sample => Assert.True(sample >= TimeSpan.Zero, $"Sample {sample} is negative."));
    }

    [Fact]
    public void Sample_ExponentialWithMax_ClampsAtMax()
    {
        var samples = Draw(LatencyDistribution.Exponential(TimeSpan.FromSeconds(60), max: TimeSpan.FromSeconds(60)));

        Assert.All(samples, sample => Assert.InRange(sample, TimeSpan.Zero, TimeSpan.FromSeconds(60)));

        // P(X > mean) = e^-1, about 0.368, for an exponential distribution.
        Assert.InRange(samples.Count(sample => sample == TimeSpan.FromSeconds(60)) / (double)SampleCount, 0.358, 0.378);
    }

    [Fact]
    public void Sample_SameSeed_RepeatsSequence()
    {
        var distribution = LatencyDistribution.Normal(TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(10));

        Assert.Equal(Draw(distribution, seed: 3), Draw(distribution, seed: 3));
        Assert.NotEqual(Draw(distribution, seed: 3), Draw(distribution, seed: 4));
    }

    [Theory]
    [InlineData(LatencyKind.Fixed)]
    [InlineData(LatencyKind.Uniform)]
    [InlineData(LatencyKind.Normal)]
    [InlineData(LatencyKind.Exponential)]
    public void From_Options_KeepsKindAndParameters(LatencyKind kind)
    {
        var options = new LatencyOptions
        {
            Kind = kind,
            Mean = TimeSpan.FromSeconds(20),
            Min = TimeSpan.FromSeconds(10),
            Max = TimeSpan.FromSeconds(30),
            StdDev = TimeSpan.FromSeconds(5),
        };

        var distribution = LatencyDistribution.From(options);

        Assert.Equal(kind, distribution.Kind);
        Assert.Equal(kind == LatencyKind.Fixed ? null : TimeSpan.FromSeconds(30), distribution.Max);
        Assert.Equal(kind == LatencyKind.Uniform ? TimeSpan.Zero : TimeSpan.FromSeconds(20), distribution.Mean);
        Assert.Equal(kind == LatencyKind.Normal ? TimeSpan.FromSeconds(5) : TimeSpan.Zero, distribution.StdDev);
    }

    [Fact]
    public void From_UniformWithoutMax_Throws()
    {
        var exception = Assert.Throws<ArgumentException>(() => LatencyDistribution.From(new LatencyOptions { Kind = LatencyKind.Uniform, Min = TimeSpan.Zero }));

        Assert.Contains("Max", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Uniform_MinAboveMax_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyDistribution.Uniform(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Fixed_NegativeLatency_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LatencyDistribution.Fixed(TimeSpan.FromSeconds(-1)));
    }
}
