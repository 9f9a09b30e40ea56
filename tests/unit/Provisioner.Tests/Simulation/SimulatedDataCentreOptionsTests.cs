using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Surge.Provisioner.Faults;
using Surge.Provisioner.Simulation;

namespace Surge.Provisioner.Tests.Simulation;

public sealed class SimulatedDataCentreOptionsTests
{
    private const string StartInstance = "SimulatedDataCentre:Operations:StartInstance";

    // Binds and validates the way the service does, so the messages are the ones an operator sees at start.
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSimulatedDataCentre(configuration);
        return services.BuildServiceProvider();
    }

    private static SimulatedDataCentreOptions Bind(params (string Key, string Value)[] settings)
    {
        using var services = Services(settings);
        return services.GetRequiredService<IOptions<SimulatedDataCentreOptions>>().Value;
    }

    private static IReadOnlyList<string> Failures(params (string Key, string Value)[] settings)
    {
        using var services = Services(settings);
        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SimulatedDataCentreOptions>>().Value);
        return exception.Failures.ToList();
    }

    private static void AssertFailureNames(IReadOnlyList<string> failures, string key) =>
        Assert.Contains(failures, failure => failure.Contains(key, StringComparison.Ordinal));

    [Fact]
    public void Defaults_AreValid()
    {
        var options = Bind();

        Assert.Equal(1.0, options.TimeScale);
        Assert.Equal(8080, options.InstancePort);
        Assert.Null(options.Seed);
        Assert.Empty(options.Operations);
        Assert.Null(options.FailureRate);
        Assert.Null(options.InstanceStartLatency);
    }

    [Fact]
    public void Bind_EnvironmentStyleKeys_ReachOperationSettings()
    {
        var options = Bind(
            ($"{StartInstance}:Latency:Kind", "Normal"),
            ($"{StartInstance}:Latency:Mean", "00:00:30"),
            ($"{StartInstance}:Latency:StdDev", "00:00:05"),
            ($"{StartInstance}:Latency:Max", "00:01:00"),
            ($"{StartInstance}:FailureRate", "0.2"),
            ($"{StartInstance}:NeverAnswerRate", "0.1"),
            ("SimulatedDataCentre:Seed", "42"));

        var start = options.Operations["StartInstance"];
        Assert.Equal(LatencyKind.Normal, start.Latency!.Kind);
        Assert.Equal(TimeSpan.FromSeconds(30), start.Latency.Mean);
        Assert.Equal(TimeSpan.FromSeconds(5), start.Latency.StdDev);
        Assert.Equal(TimeSpan.FromMinutes(1), start.Latency.Max);
        Assert.Equal(0.2, start.FailureRate);
        Assert.Equal(0.1, start.NeverAnswerRate);
        Assert.Equal(42, options.Seed);
    }

    [Fact]
    public void Bind_OperationNameInOtherCase_IsFoundByItsName()
    {
        var options = Bind(("SimulatedDataCentre:Operations:stopinstance:NeverAnswerRate", "1"));

        Assert.Equal(1.0, options.Operations["StopInstance"].NeverAnswerRate);
    }

    [Fact]
    public void FaultPlan_FromConfiguration_NeverAnswersStarts()
    {
        using var services = Services(($"{StartInstance}:NeverAnswerRate", "1"), ("SimulatedDataCentre:TimeScale", "0.01"));

        var call = services.GetRequiredService<FaultPlan>().Next(ProviderOperation.StartInstance);

        Assert.IsType<OperationOutcome.NeverAnswered>(call.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(1.8), call.Latency);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.5")]
    [InlineData("1.5")]
    [InlineData("NaN")]
    public void TimeScale_OutOfRange_FailsWithFullKey(string timeScale)
    {
        AssertFailureNames(Failures(("SimulatedDataCentre:TimeScale", timeScale)), "SimulatedDataCentre:TimeScale");
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("65536")]
    public void InstancePort_OutOfRange_FailsWithFullKey(string port)
    {
        AssertFailureNames(Failures(("SimulatedDataCentre:InstancePort", port)), "SimulatedDataCentre:InstancePort");
    }

    [Theory]
    [InlineData("FailureRate")]
    [InlineData("NeverAnswerRate")]
    public void OperationRate_OutOfRange_FailsWithFullKey(string rate)
    {
        var failures = Failures(($"{StartInstance}:{rate}", "1.5"));

        Assert.Contains($"{StartInstance}:{rate} must be between 0 and 1. It is 1.5.", failures);
    }

    [Fact]
    public void OperationRates_SumAboveOne_FailsNamingBothKeys()
    {
        var failures = Failures(($"{StartInstance}:FailureRate", "0.6"), ($"{StartInstance}:NeverAnswerRate", "0.5"));

        var failure = Assert.Single(failures);
        Assert.Contains($"{StartInstance}:FailureRate (0.6)", failure, StringComparison.Ordinal);
        Assert.Contains($"{StartInstance}:NeverAnswerRate (0.5)", failure, StringComparison.Ordinal);
        Assert.Contains("at most 1", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void OperationRates_SumExactlyOne_Succeeds()
    {
        var options = Bind(($"{StartInstance}:FailureRate", "0.7"), ($"{StartInstance}:NeverAnswerRate", "0.3"));

        Assert.Equal(0.3, options.Operations["StartInstance"].NeverAnswerRate);
    }

    [Fact]
    public void OlderFailureRateWithNeverAnswerRate_SumAboveOne_FailsNamingOlderKey()
    {
        var failures = Failures(("SimulatedDataCentre:FailureRate", "0.8"), ($"{StartInstance}:NeverAnswerRate", "0.5"));

        var failure = Assert.Single(failures);
        Assert.Contains("SimulatedDataCentre:FailureRate (0.8)", failure, StringComparison.Ordinal);
        Assert.Contains($"{StartInstance}:NeverAnswerRate (0.5)", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOperation_FailsListingKnownOnes()
    {
        var failures = Failures(("SimulatedDataCentre:Operations:RebootNode:FailureRate", "0.1"));

        Assert.Contains(
            "SimulatedDataCentre:Operations:RebootNode is not an operation. Use one of StartInstance, StopInstance, CreateVm, BootVm, UpdateInstance.",
            failures);
    }

    [Fact]
    public void NumericOperationName_FailsAsUnknown()
    {
        AssertFailureNames(Failures(("SimulatedDataCentre:Operations:0:FailureRate", "0.1")), "SimulatedDataCentre:Operations:0 is not an operation");
    }

    [Fact]
    public void MisspeltOperationSetting_FailsListingSettings()
    {
        var failures = Failures(($"{StartInstance}:NeverAnswerRatio", "1"));

        Assert.Contains($"{StartInstance}:NeverAnswerRatio is not a setting. Use one of Latency, FailureRate, NeverAnswerRate.", failures);
    }

    [Fact]
    public void MisspeltLatencySetting_FailsWithFullKey()
    {
        AssertFailureNames(Failures(($"{StartInstance}:Latency:Average", "00:00:10")), $"{StartInstance}:Latency:Average is not a setting");
    }

    [Fact]
    public void MisspeltTopLevelSetting_FailsWithFullKey()
    {
        AssertFailureNames(Failures(("SimulatedDataCentre:TimeScal", "0.1")), "SimulatedDataCentre:TimeScal is not a setting");
    }

    [Theory]
    [InlineData("Fixed", "Mean")]
    [InlineData("Uniform", "Min")]
    [InlineData("Uniform", "Max")]
    [InlineData("Normal", "Mean")]
    [InlineData("Normal", "StdDev")]
    [InlineData("Exponential", "Mean")]
    public void Latency_MissingParameter_FailsWithFullKey(string kind, string parameter)
    {
        var failures = Failures(($"{StartInstance}:Latency:Kind", kind));

        Assert.Contains(failures, failure => failure.StartsWith($"{StartInstance}:Latency:{parameter} is missing. Latency kind {kind} needs", StringComparison.Ordinal));
    }

    [Fact]
    public void Latency_MeanOnly_DefaultsToFixed()
    {
        var options = Bind(($"{StartInstance}:Latency:Mean", "00:00:10"));

        Assert.Equal(LatencyKind.Fixed, options.Operations["StartInstance"].Latency!.Kind);
    }

    [Fact]
    public void Latency_UniformMinAboveMax_FailsNamingBoth()
    {
        var failures = Failures(
            ($"{StartInstance}:Latency:Kind", "Uniform"),
            ($"{StartInstance}:Latency:Min", "00:00:20"),
            ($"{StartInstance}:Latency:Max", "00:00:10"));

        var failure = Assert.Single(failures);
        Assert.Contains($"{StartInstance}:Latency:Min (00:00:20) is greater than {StartInstance}:Latency:Max (00:00:10)", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mean", "-00:00:01")]
    [InlineData("Mean", "2.00:00:00")]
    [InlineData("Max", "-00:00:01")]
    public void Latency_ParameterOutOfRange_FailsWithFullKey(string parameter, string value)
    {
        var mean = parameter == "Mean" ? value : "00:00:10";
        var settings = new List<(string Key, string Value)> { ($"{StartInstance}:Latency:Kind", "Exponential"), ($"{StartInstance}:Latency:Mean", mean) };
        if (parameter != "Mean")
        {
            settings.Add(($"{StartInstance}:Latency:{parameter}", value));
        }

        var failures = Failures([.. settings]);

        Assert.Contains(failures, failure => failure.StartsWith($"{StartInstance}:Latency:{parameter} must be between 00:00:00 and 1.00:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public void Latency_UndefinedKindNumber_FailsListingKinds()
    {
        var failures = Failures(($"{StartInstance}:Latency:Kind", "7"), ($"{StartInstance}:Latency:Mean", "00:00:10"));

        Assert.Contains($"{StartInstance}:Latency:Kind is 7, which is not a latency kind. Use one of Fixed, Uniform, Normal, Exponential.", failures);
    }

    [Fact]
    public void Latency_UnknownKindName_FailsWithFullKey()
    {
        var failures = Failures(($"{StartInstance}:Latency:Kind", "Gaussian"), ($"{StartInstance}:FailureRate", "0.1"));

        var failure = Assert.Single(failures);
        Assert.StartsWith($"{StartInstance} could not be read:", failure, StringComparison.Ordinal);
        Assert.Contains($"'Gaussian' at '{StartInstance}:Latency:Kind'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void OperationRate_NotANumber_FailsWithFullKey()
    {
        var failures = Failures(($"{StartInstance}:NeverAnswerRate", "sometimes"));

        var failure = Assert.Single(failures);
        Assert.Contains($"'sometimes' at '{StartInstance}:NeverAnswerRate'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Operation_PlainValue_FailsWithFullKey()
    {
        var failures = Failures(($"{StartInstance}", "fast"));

        Assert.Contains($"{StartInstance} could not be read. Set its Latency, FailureRate and NeverAnswerRate as keys below it.", failures);
    }

    [Fact]
    public void OlderLatencyWithOperationLatency_FailsNamingBoth()
    {
        var failures = Failures(("SimulatedDataCentre:InstanceStopLatency", "00:00:01"), ("SimulatedDataCentre:Operations:StopInstance:Latency:Mean", "00:00:02"));

        var failure = Assert.Single(failures);
        Assert.Contains("SimulatedDataCentre:InstanceStopLatency and SimulatedDataCentre:Operations:StopInstance:Latency are both set", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void OlderFailureRateWithOperationFailureRate_FailsNamingBoth()
    {
        var failures = Failures(("SimulatedDataCentre:FailureRate", "0.1"), ($"{StartInstance}:FailureRate", "0.2"));

        var failure = Assert.Single(failures);
        Assert.Contains($"SimulatedDataCentre:FailureRate and {StartInstance}:FailureRate are both set", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-0.1")]
    [InlineData("1.1")]
    public void OlderFailureRate_OutOfRange_FailsWithFullKey(string failureRate)
    {
        AssertFailureNames(Failures(("SimulatedDataCentre:FailureRate", failureRate)), "SimulatedDataCentre:FailureRate must be between 0 and 1");
    }

    [Theory]
    [InlineData("InstanceStartLatency")]
    [InlineData("InstanceStopLatency")]
    [InlineData("VmCreateLatency")]
    [InlineData("VmBootLatency")]
    public void OlderLatency_Negative_FailsWithFullKey(string key)
    {
        AssertFailureNames(Failures(($"SimulatedDataCentre:{key}", "-00:00:01")), $"SimulatedDataCentre:{key}");
    }

    [Fact]
    public void OlderKeys_InRange_Succeed()
    {
        var options = Bind(("SimulatedDataCentre:InstanceStartLatency", "00:00:02"), ("SimulatedDataCentre:FailureRate", "0.5"));

        Assert.Equal(TimeSpan.FromSeconds(2), options.InstanceStartLatency);
        Assert.Equal(0.5, options.FailureRate);
    }

    [Fact]
    public void SeveralProblems_AreAllReported()
    {
        var failures = Failures(
            ($"{StartInstance}:FailureRate", "2"),
            ("SimulatedDataCentre:Operations:StopInstance:Latency:Kind", "Uniform"),
            ("SimulatedDataCentre:Operations:Unknown:FailureRate", "0"));

        AssertFailureNames(failures, $"{StartInstance}:FailureRate");
        AssertFailureNames(failures, "SimulatedDataCentre:Operations:StopInstance:Latency:Min");
        AssertFailureNames(failures, "SimulatedDataCentre:Operations:Unknown");
    }
}
