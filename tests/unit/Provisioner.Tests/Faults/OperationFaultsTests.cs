using System.Globalization;
using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Tests.Faults;

public sealed class OperationFaultsTests
{
    private const int CallCount = 20_000;
    private const string FailureRateKey = "SimulatedDataCentre:Operations:StartInstance:FailureRate";

    private static OperationFaults Faults(double failureRate = 0, double neverAnswerRate = 0, LatencyDistribution? latency = null) => new(
        ProviderOperation.StartInstance,
        latency ?? LatencyDistribution.Fixed(TimeSpan.FromMinutes(3)),
        failureRate,
        neverAnswerRate,
        FailureRateKey);

    private static OperationCall[] Decide(OperationFaults faults, int seed = 21, double timeScale = 1.0)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, CallCount).Select(_ => faults.Decide(random, timeScale)).ToArray();
    }

    private static double Share<TOutcome>(OperationCall[] calls) => calls.Count(call => call.Outcome is TOutcome) / (double)calls.Length;

    [Fact]
    public void Decide_RatesZero_AlwaysSucceeds()
    {
        var calls = Decide(Faults());

        Assert.All(calls, call => Assert.IsType<OperationOutcome.Succeeded>(call.Outcome));
    }

    [Fact]
    public void Decide_FailureRateOne_AlwaysFails()
    {
        var calls = Decide(Faults(failureRate: 1));

        Assert.All(calls, call => Assert.IsType<OperationOutcome.Failed>(call.Outcome));
    }

    [Fact]
    public void Decide_NeverAnswerRateOne_NeverAnswers()
    {
        var calls = Decide(Faults(neverAnswerRate: 1));

        Assert.All(calls, call => Assert.IsType<OperationOutcome.NeverAnswered>(call.Outcome));
    }

    [Fact]
    public void Decide_Failure_ReasonSaysItWasInjected()
    {
        var call = Faults(failureRate: 1).Decide(new Random(1), 1.0);

        var failed = Assert.IsType<OperationOutcome.Failed>(call.Outcome);
        Assert.StartsWith("injected failure: StartInstance failure rate 1", failed.Reason, StringComparison.Ordinal);
        Assert.Contains(FailureRateKey, failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_FractionalRate_WritesRateWithDecimalPoint()
    {
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
        try
        {
            var failed = Decide(Faults(failureRate: 0.2)).Select(call => call.Outcome).OfType<OperationOutcome.Failed>().First();

            Assert.StartsWith("injected failure: StartInstance failure rate 0.2.", failed.Reason, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Decide_FailureRate_FailsThatShareOfCalls()
    {
        var calls = Decide(Faults(failureRate: 0.2));

        Assert.InRange(Share<OperationOutcome.Failed>(calls), 0.19, 0.21);
        Assert.InRange(Share<OperationOutcome.Succeeded>(calls), 0.79, 0.81);
    }

    [Fact]
    public void Decide_CombinedRates_SplitCallsThreeWays()
    {
        var calls = Decide(Faults(failureRate: 0.2, neverAnswerRate: 0.3));

        Assert.InRange(Share<OperationOutcome.Failed>(calls), 0.19, 0.21);
        Assert.InRange(Share<OperationOutcome.NeverAnswered>(calls), 0.29, 0.31);
        Assert.InRange(Share<OperationOutcome.Succeeded>(calls), 0.49, 0.51);
    }

    [Fact]
    public void Decide_RatesAddingToOne_NeverSucceeds()
    {
        var calls = Decide(Faults(failureRate: 0.7, neverAnswerRate: 0.3));

        Assert.DoesNotContain(calls, call => call.Outcome is OperationOutcome.Succeeded);
        Assert.InRange(Share<OperationOutcome.Failed>(calls), 0.69, 0.71);
    }

    [Fact]
    public void Decide_TimeScale_MultipliesLatency()
    {
        var call = Faults().Decide(new Random(1), 0.01);

        Assert.Equal(TimeSpan.FromSeconds(1.8), call.Latency);
    }

    [Fact]
    public void Decide_TimeScale_MultipliesEverySampledLatency()
    {
        var latency = LatencyDistribution.Uniform(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30));

        var unscaled = Decide(Faults(latency: latency), seed: 8);
        var scaled = Decide(Faults(latency: latency), seed: 8, timeScale: 0.5);

        Assert.Equal(unscaled.Select(call => call.Latency / 2), scaled.Select(call => call.Latency));
    }

    [Fact]
    public void Decide_SameSeed_RepeatsDecisions()
    {
        var faults = Faults(failureRate: 0.2, neverAnswerRate: 0.3, latency: LatencyDistribution.Exponential(TimeSpan.FromSeconds(30)));

        Assert.Equal(Decide(faults, seed: 5), Decide(faults, seed: 5));
    }

    [Fact]
    public void Decide_AnyOutcome_KeepsOperation()
    {
        var calls = Decide(Faults(failureRate: 0.2, neverAnswerRate: 0.3));

        Assert.All(calls, call => Assert.Equal(ProviderOperation.StartInstance, call.Operation));
    }

    [Theory]
    [InlineData(-0.1, 0)]
    [InlineData(1.1, 0)]
    [InlineData(0, -0.1)]
    [InlineData(0, 1.1)]
    [InlineData(double.NaN, 0)]
    [InlineData(0, double.NaN)]
    [InlineData(0.6, 0.5)]
    public void Constructor_InvalidRates_Throws(double failureRate, double neverAnswerRate)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Faults(failureRate, neverAnswerRate));
    }

    [Theory]
    [InlineData(0.7, 0.3)]
    [InlineData(0.1, 0.2)]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    public void RatesFit_SumAtMostOne_IsTrue(double failureRate, double neverAnswerRate)
    {
        Assert.True(OperationFaults.RatesFit(failureRate, neverAnswerRate));
    }
}
