using Surge.Provisioner.Faults;
using Surge.Provisioner.Simulation;

namespace Surge.Provisioner.Tests.Simulation;

public sealed class SimulatedDataCentreFaultsTests
{
    [Theory]
    [InlineData(ProviderOperation.StartInstance, 180)]
    [InlineData(ProviderOperation.StopInstance, 5)]
    [InlineData(ProviderOperation.UpdateInstance, 180)]
    [InlineData(ProviderOperation.CreateVm, 60)]
    [InlineData(ProviderOperation.BootVm, 180)]
    public void Resolve_Defaults_FixedReferenceLatencyAndNoFaults(ProviderOperation operation, int seconds)
    {
        var faults = SimulatedDataCentreFaults.Resolve(new SimulatedDataCentreOptions(), operation);

        Assert.Equal(LatencyKind.Fixed, faults.Latency.Kind);
        Assert.Equal(TimeSpan.FromSeconds(seconds), faults.Latency.Mean);
        Assert.Equal(0.0, faults.FailureRate);
        Assert.Equal(0.0, faults.NeverAnswerRate);
        Assert.Equal($"SimulatedDataCentre:Operations:{operation}:FailureRate", faults.FailureRateKey);
    }

    [Fact]
    public void Resolve_OperationLatency_UsesDistribution()
    {
        var options = new SimulatedDataCentreOptions
        {
            Operations =
            {
                ["StartInstance"] = new OperationFaultOptions
                {
                    Latency = new LatencyOptions { Kind = LatencyKind.Uniform, Min = TimeSpan.FromSeconds(1), Max = TimeSpan.FromSeconds(2) },
                },
            },
        };

        var faults = SimulatedDataCentreFaults.Resolve(options, ProviderOperation.StartInstance);

        Assert.Equal(LatencyKind.Uniform, faults.Latency.Kind);
        Assert.Equal(TimeSpan.FromSeconds(1), faults.Latency.Min);
        Assert.Equal(TimeSpan.FromSeconds(2), faults.Latency.Max);
    }

    [Fact]
    public void Resolve_OperationWithoutLatency_KeepsReferenceLatency()
    {
        var options = new SimulatedDataCentreOptions { Operations = { ["StopInstance"] = new OperationFaultOptions { NeverAnswerRate = 0.5 } } };

        var faults = SimulatedDataCentreFaults.Resolve(options, ProviderOperation.StopInstance);

        Assert.Equal(TimeSpan.FromSeconds(5), faults.Latency.Mean);
        Assert.Equal(0.5, faults.NeverAnswerRate);
    }

    [Fact]
    public void Resolve_OperationNameInOtherCase_IsFound()
    {
        var options = new SimulatedDataCentreOptions { Operations = { ["startinstance"] = new OperationFaultOptions { FailureRate = 0.3 } } };

        Assert.Equal(0.3, SimulatedDataCentreFaults.Resolve(options, ProviderOperation.StartInstance).FailureRate);
    }

    [Theory]
    [InlineData(ProviderOperation.StartInstance)]
    [InlineData(ProviderOperation.StopInstance)]
    [InlineData(ProviderOperation.CreateVm)]
    [InlineData(ProviderOperation.BootVm)]
    public void Resolve_OlderLatencyKey_SetsFixedLatency(ProviderOperation operation)
    {
        var options = new SimulatedDataCentreOptions
        {
            InstanceStartLatency = TimeSpan.FromSeconds(11),
            InstanceStopLatency = TimeSpan.FromSeconds(12),
            VmCreateLatency = TimeSpan.FromSeconds(13),
            VmBootLatency = TimeSpan.FromSeconds(14),
        };

        var faults = SimulatedDataCentreFaults.Resolve(options, operation);

        Assert.Equal(LatencyKind.Fixed, faults.Latency.Kind);
        Assert.Equal(TimeSpan.FromSeconds(11 + (int)operation), faults.Latency.Mean);
    }

    [Fact]
    public void Resolve_OlderFailureRate_AppliesToStartInstanceOnly()
    {
        var options = new SimulatedDataCentreOptions { FailureRate = 0.4 };

        var start = SimulatedDataCentreFaults.Resolve(options, ProviderOperation.StartInstance);
        var stop = SimulatedDataCentreFaults.Resolve(options, ProviderOperation.StopInstance);

        Assert.Equal(0.4, start.FailureRate);
        Assert.Equal("SimulatedDataCentre:FailureRate", start.FailureRateKey);
        Assert.Equal(0.0, stop.FailureRate);
    }

    [Fact]
    public void Resolve_OlderFailureRateWithNeverAnswerRate_CombinesThem()
    {
        var options = new SimulatedDataCentreOptions
        {
            FailureRate = 0.4,
            Operations = { ["StartInstance"] = new OperationFaultOptions { NeverAnswerRate = 0.1 } },
        };

        var faults = SimulatedDataCentreFaults.Resolve(options, ProviderOperation.StartInstance);

        Assert.Equal(0.4, faults.FailureRate);
        Assert.Equal(0.1, faults.NeverAnswerRate);
    }

    [Fact]
    public void CreatePlan_TimeScale_AppliesToEveryOperation()
    {
        var plan = SimulatedDataCentreFaults.CreatePlan(new SimulatedDataCentreOptions { TimeScale = 0.01 });

        Assert.Equal(TimeSpan.FromSeconds(1.8), plan.Next(ProviderOperation.StartInstance).Latency);
        Assert.Equal(TimeSpan.FromSeconds(0.05), plan.Next(ProviderOperation.StopInstance).Latency);
        Assert.Equal(TimeSpan.FromSeconds(0.6), plan.Next(ProviderOperation.CreateVm).Latency);
        Assert.Equal(TimeSpan.FromSeconds(1.8), plan.Next(ProviderOperation.BootVm).Latency);
    }

    [Fact]
    public void CreatePlan_Seed_RepeatsDecisions()
    {
        var options = new SimulatedDataCentreOptions
        {
            Seed = 17,
            Operations =
            {
                ["StartInstance"] = new OperationFaultOptions
                {
                    FailureRate = 0.3,
                    NeverAnswerRate = 0.3,
                    Latency = new LatencyOptions { Kind = LatencyKind.Normal, Mean = TimeSpan.FromSeconds(30), StdDev = TimeSpan.FromSeconds(5) },
                },
            },
        };

        var first = SimulatedDataCentreFaults.CreatePlan(options);
        var second = SimulatedDataCentreFaults.CreatePlan(options);

        var firstCalls = Enumerable.Range(0, 200).Select(_ => first.Next(ProviderOperation.StartInstance)).ToArray();
        var secondCalls = Enumerable.Range(0, 200).Select(_ => second.Next(ProviderOperation.StartInstance)).ToArray();
        Assert.Equal(firstCalls, secondCalls);
    }
}
