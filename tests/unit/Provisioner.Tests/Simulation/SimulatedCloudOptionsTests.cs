using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Surge.Provisioner.Faults;
using Surge.Provisioner.Simulation;
using Surge.Provisioner.Simulation.Clouds;

namespace Surge.Provisioner.Tests.Simulation;

public sealed class SimulatedCloudOptionsTests
{
    private const string PrivateCloud = "SimulatedDataCentre:Clouds:private-cloud";

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

    private static SimulatedClouds Clouds(params (string Key, string Value)[] settings) =>
        Services(settings).GetRequiredService<SimulatedClouds>();

    private static IReadOnlyList<string> Failures(params (string Key, string Value)[] settings)
    {
        using var services = Services(settings);
        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SimulatedDataCentreOptions>>().Value);
        return exception.Failures.ToList();
    }

    private static void AssertFailureNames(IReadOnlyList<string> failures, string text) =>
        Assert.Contains(failures, failure => failure.Contains(text, StringComparison.Ordinal));

    [Fact]
    public void Defaults_PrivateCloudReference()
    {
        var cloud = Clouds().Find("private-cloud");

        Assert.NotNull(cloud);
        Assert.Equal(20, cloud.MaxNodes);
        Assert.Equal(TimeSpan.FromSeconds(20), cloud.Operations[CloudOperation.CreateVm].Latency.Mean);
        Assert.Equal(TimeSpan.FromSeconds(30), cloud.Operations[CloudOperation.Boot].Latency.Mean);
        Assert.Equal(TimeSpan.FromSeconds(10), cloud.Operations[CloudOperation.Join].Latency.Mean);
        Assert.All(cloud.Operations.Values, faults => Assert.Equal(0.0, faults.FailureRate));
    }

    [Fact]
    public void Defaults_PublicCloudSlower()
    {
        var cloud = Clouds().Find("public-cloud");

        Assert.NotNull(cloud);
        Assert.Equal(50, cloud.MaxNodes);
        Assert.Equal(TimeSpan.FromSeconds(40), cloud.Operations[CloudOperation.CreateVm].Latency.Mean);
        Assert.Equal(TimeSpan.FromSeconds(45), cloud.Operations[CloudOperation.Boot].Latency.Mean);
        Assert.Equal(TimeSpan.FromSeconds(15), cloud.Operations[CloudOperation.Join].Latency.Mean);
    }

    [Fact]
    public void Find_UnknownProvider_IsNull()
    {
        Assert.Null(Clouds().Find("pubic-cloud"));
    }

    [Fact]
    public void Find_AnyLetterCase_GivesConfiguredSpelling()
    {
        Assert.Equal("public-cloud", Clouds().Find("PUBLIC-CLOUD")?.Provider);
    }

    [Fact]
    public void Bind_ConfiguredCloud_OverridesOnlyWhatIsSet()
    {
        var cloud = Clouds(
            ($"{PrivateCloud}:MaxNodes", "3"),
            ($"{PrivateCloud}:Operations:Boot:Latency:Mean", "00:00:00.050"),
            ($"{PrivateCloud}:Operations:Join:FailureRate", "0.25")).Find("private-cloud");

        Assert.NotNull(cloud);
        Assert.Equal(3, cloud.MaxNodes);
        Assert.Equal(TimeSpan.FromMilliseconds(50), cloud.Operations[CloudOperation.Boot].Latency.Mean);
        Assert.Equal(TimeSpan.FromSeconds(20), cloud.Operations[CloudOperation.CreateVm].Latency.Mean);
        Assert.Equal(0.25, cloud.Operations[CloudOperation.Join].FailureRate);
    }

    [Fact]
    public void Bind_NewProvider_TakesPrivateCloudDefaults()
    {
        var cloud = Clouds(("SimulatedDataCentre:Clouds:edge-cloud:MaxNodes", "4")).Find("edge-cloud");

        Assert.NotNull(cloud);
        Assert.Equal(4, cloud.MaxNodes);
        Assert.Equal(TimeSpan.FromSeconds(30), cloud.Operations[CloudOperation.Boot].Latency.Mean);
    }

    [Fact]
    public void Decide_AppliesTimeScale()
    {
        var faults = new CloudOperationFaults(CloudOperation.Boot, LatencyDistribution.Fixed(TimeSpan.FromSeconds(30)), 0.0, 0.0, $"{PrivateCloud}:Operations:Boot");

        var call = faults.Decide(new Random(1), timeScale: 0.01);

        Assert.Equal(TimeSpan.FromMilliseconds(300), call.Latency);
        Assert.IsType<OperationOutcome.Succeeded>(call.Outcome);
    }

    [Fact]
    public void Decide_FailureReason_NamesKey()
    {
        var faults = new CloudOperationFaults(CloudOperation.Join, LatencyDistribution.Fixed(TimeSpan.Zero), 1.0, 0.0, $"{PrivateCloud}:Operations:Join");

        var failed = Assert.IsType<OperationOutcome.Failed>(faults.Decide(new Random(1), 1.0).Outcome);

        Assert.StartsWith("injected failure: Join", failed.Reason, StringComparison.Ordinal);
        Assert.Contains($"{PrivateCloud}:Operations:Join:FailureRate", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownOperation_NamesKeyAndChoices()
    {
        var failures = Failures(($"{PrivateCloud}:Operations:BootVm:FailureRate", "0.1"));

        AssertFailureNames(failures, $"{PrivateCloud}:Operations:BootVm is not a cloud operation. Use one of CreateVm, Boot, Join.");
    }

    [Fact]
    public void Validate_MisspeltKey_NamesKey()
    {
        var failures = Failures(($"{PrivateCloud}:MaxNode", "3"));

        AssertFailureNames(failures, $"{PrivateCloud}:MaxNode is not a setting");
    }

    [Fact]
    public void Validate_NegativeMaxNodes_NamesKey()
    {
        var failures = Failures(($"{PrivateCloud}:MaxNodes", "-1"));

        AssertFailureNames(failures, $"{PrivateCloud}:MaxNodes must be between 0 and 100000. It is -1.");
    }

    [Fact]
    public void Validate_UnreadableMaxNodes_NamesKey()
    {
        var failures = Failures(($"{PrivateCloud}:MaxNodes", "many"));

        AssertFailureNames(failures, $"{PrivateCloud} could not be read");
    }

    [Fact]
    public void Validate_UnreadableLatencyKind_NamesKey()
    {
        var failures = Failures(($"{PrivateCloud}:Operations:Boot:Latency:Kind", "Gaussian"));

        AssertFailureNames(failures, $"{PrivateCloud}:Operations:Boot could not be read");
    }

    [Fact]
    public void Validate_InvalidProviderName_NamesKey()
    {
        var failures = Failures(("SimulatedDataCentre:Clouds:Edge_Cloud:MaxNodes", "3"));

        AssertFailureNames(failures, "SimulatedDataCentre:Clouds:Edge_Cloud is not a valid provider name");
    }

    [Fact]
    public void Validate_RatesOverOne_NamesBothKeys()
    {
        var failures = Failures(
            ($"{PrivateCloud}:Operations:CreateVm:FailureRate", "0.7"),
            ($"{PrivateCloud}:Operations:CreateVm:NeverAnswerRate", "0.5"));

        AssertFailureNames(failures, $"{PrivateCloud}:Operations:CreateVm:FailureRate (0.7) and {PrivateCloud}:Operations:CreateVm:NeverAnswerRate (0.5)");
    }

    [Fact]
    public void Validate_RateOutOfRange_NamesKey()
    {
        var failures = Failures(($"{PrivateCloud}:Operations:Join:FailureRate", "1.5"));

        AssertFailureNames(failures, $"{PrivateCloud}:Operations:Join:FailureRate must be between 0 and 1. It is 1.5.");
    }

    [Fact]
    public void Validate_UniformMinAboveMax_NamesKey()
    {
        var failures = Failures(
            ($"{PrivateCloud}:Operations:Boot:Latency:Kind", "Uniform"),
            ($"{PrivateCloud}:Operations:Boot:Latency:Min", "00:00:05"),
            ($"{PrivateCloud}:Operations:Boot:Latency:Max", "00:00:01"));

        AssertFailureNames(failures, $"{PrivateCloud}:Operations:Boot:Latency:Min (00:00:05) is greater than");
    }
}
