using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Tests.Faults;

public sealed class FaultPlanTests
{
    private static OperationFaults Faults(ProviderOperation operation, TimeSpan latency, double failureRate = 0, double neverAnswerRate = 0) =>
        new(operation, LatencyDistribution.Fixed(latency), failureRate, neverAnswerRate, $"Test:{operation}:FailureRate");

    private static IEnumerable<OperationFaults> AllOperations(double startFailureRate = 0, double stopNeverAnswerRate = 0) =>
    [
        Faults(ProviderOperation.StartInstance, TimeSpan.FromMinutes(3), failureRate: startFailureRate),
        Faults(ProviderOperation.StopInstance, TimeSpan.FromSeconds(5), neverAnswerRate: stopNeverAnswerRate),
        Faults(ProviderOperation.CreateVm, TimeSpan.FromMinutes(1)),
        Faults(ProviderOperation.BootVm, TimeSpan.FromMinutes(3)),
        Faults(ProviderOperation.UpdateInstance, TimeSpan.FromMinutes(3)),
    ];

    [Fact]
    public void Next_EachOperation_UsesItsOwnFaults()
    {
        var plan = new FaultPlan(AllOperations(startFailureRate: 1, stopNeverAnswerRate: 1), 1.0, new Random(1));

        var start = plan.Next(ProviderOperation.StartInstance);
        var stop = plan.Next(ProviderOperation.StopInstance);
        var create = plan.Next(ProviderOperation.CreateVm);

        Assert.IsType<OperationOutcome.Failed>(start.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(3), start.Latency);
        Assert.IsType<OperationOutcome.NeverAnswered>(stop.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(5), stop.Latency);
        Assert.IsType<OperationOutcome.Succeeded>(create.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(1), create.Latency);
    }

    [Fact]
    public void Next_TimeScale_MultipliesLatency()
    {
        var plan = new FaultPlan(AllOperations(), 0.01, new Random(1));

        Assert.Equal(TimeSpan.FromSeconds(1.8), plan.Next(ProviderOperation.StartInstance).Latency);
        Assert.Equal(TimeSpan.FromSeconds(0.05), plan.Next(ProviderOperation.StopInstance).Latency);
    }

    [Fact]
    public void Next_SameSeed_RepeatsDecisions()
    {
        var first = new FaultPlan(AllOperations(startFailureRate: 0.4, stopNeverAnswerRate: 0.4), 1.0, new Random(9));
        var second = new FaultPlan(AllOperations(startFailureRate: 0.4, stopNeverAnswerRate: 0.4), 1.0, new Random(9));
        var operations = Enumerable.Range(0, 500).Select(index => (ProviderOperation)(index % 4)).ToArray();

        var firstCalls = operations.Select(first.Next).ToArray();
        var secondCalls = operations.Select(second.Next).ToArray();

        Assert.Equal(firstCalls, secondCalls);
        Assert.Contains(firstCalls, call => call.Outcome is OperationOutcome.Failed);
        Assert.Contains(firstCalls, call => call.Outcome is OperationOutcome.NeverAnswered);
    }

    [Fact]
    public void Next_ConcurrentCalls_KeepRatesExact()
    {
        var plan = new FaultPlan(AllOperations(startFailureRate: 1), 1.0, new Random(2));

        var calls = new OperationCall[10_000];
        Parallel.For(0, calls.Length, index => calls[index] = plan.Next(ProviderOperation.StartInstance));

        Assert.All(calls, call => Assert.IsType<OperationOutcome.Failed>(call.Outcome));
    }

    [Fact]
    public void For_Operation_ReturnsItsFaults()
    {
        var plan = new FaultPlan(AllOperations(startFailureRate: 0.25), 1.0, new Random(1));

        Assert.Equal(0.25, plan.For(ProviderOperation.StartInstance).FailureRate);
        Assert.Equal(0.0, plan.For(ProviderOperation.StopInstance).FailureRate);
    }

    [Fact]
    public void Constructor_MissingOperation_ThrowsNamingIt()
    {
        var exception = Assert.Throws<ArgumentException>(() => new FaultPlan(AllOperations().Where(faults => faults.Operation != ProviderOperation.BootVm), 1.0, new Random(1)));

        Assert.Contains("BootVm", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateOperation_Throws()
    {
        var operations = AllOperations().Append(Faults(ProviderOperation.CreateVm, TimeSpan.Zero));

        Assert.Throws<ArgumentException>(() => new FaultPlan(operations, 1.0, new Random(1)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Constructor_NonPositiveTimeScale_Throws(double timeScale)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FaultPlan(AllOperations(), timeScale, new Random(1)));
    }
}
