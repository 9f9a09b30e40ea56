using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Surge.Provisioner.Faults;
using Surge.Provisioner.Simulation;
using Surge.Provisioner.Simulation.NetworkInterfaces;

namespace Surge.Provisioner.Tests.Simulation;

public sealed class NetworkInterfaceOptionsTests
{
    private const string Key = "SimulatedDataCentre:NetworkInterfaces";

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

    private static IReadOnlyList<string> Failures(params (string Key, string Value)[] settings)
    {
        using var services = Services(settings);
        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SimulatedDataCentreOptions>>().Value);
        return exception.Failures.ToList();
    }

    [Fact]
    public void Defaults_AreReferenceValues()
    {
        using var services = Services();

        var interfaces = services.GetRequiredService<SimulatedNetworkInterfaces>();

        Assert.Equal(8, interfaces.MaxPerNode);
        Assert.Equal(TimeSpan.FromSeconds(5), interfaces.NextAttachLatency());
    }

    [Fact]
    public void AttachLatency_IsMultipliedByTimeScale()
    {
        using var services = Services(("SimulatedDataCentre:TimeScale", "0.01"));

        Assert.Equal(TimeSpan.FromMilliseconds(50), services.GetRequiredService<SimulatedNetworkInterfaces>().NextAttachLatency());
    }

    [Fact]
    public void AttachLatency_ConfiguredDistribution_IsSampled()
    {
        using var services = Services(
            ($"{Key}:AttachLatency:Kind", "Uniform"),
            ($"{Key}:AttachLatency:Min", "00:00:02"),
            ($"{Key}:AttachLatency:Max", "00:00:04"),
            ("SimulatedDataCentre:TimeScale", "0.5"),
            ("SimulatedDataCentre:Seed", "11"));
        var interfaces = services.GetRequiredService<SimulatedNetworkInterfaces>();

        var latencies = Enumerable.Range(0, 50).Select(_ => interfaces.NextAttachLatency()).ToList();

        Assert.All(latencies, latency => Assert.InRange(latency, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2)));
        Assert.True(latencies.Distinct().Count() > 1);
    }

    [Fact]
    public void MaxPerNode_IsBound()
    {
        using var services = Services(($"{Key}:MaxPerNode", "2"));

        Assert.Equal(2, services.GetRequiredService<SimulatedNetworkInterfaces>().MaxPerNode);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("1001")]
    public void MaxPerNode_OutOfRange_FailsWithFullKey(string maxPerNode)
    {
        var failures = Failures(($"{Key}:MaxPerNode", maxPerNode));

        Assert.Contains($"{Key}:MaxPerNode must be between 0 and 1000. It is {maxPerNode}.", failures);
    }

    [Fact]
    public void AttachLatency_MissingParameter_FailsWithFullKey()
    {
        var failures = Failures(($"{Key}:AttachLatency:Kind", "Uniform"), ($"{Key}:AttachLatency:Min", "00:00:01"));

        Assert.Contains($"{Key}:AttachLatency:Max is missing. Latency kind Uniform needs Min and Max.", failures);
    }

    [Fact]
    public void AttachLatency_AboveOneDay_FailsWithFullKey()
    {
        var failures = Failures(($"{Key}:AttachLatency:Mean", "2.00:00:00"));

        Assert.Contains(failures, failure => failure.StartsWith($"{Key}:AttachLatency:Mean must be between 00:00:00 and 1.00:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public void MisspeltSetting_FailsListingSettings()
    {
        var failures = Failures(($"{Key}:AttachLatencyMean", "00:00:01"));

        Assert.Contains($"{Key}:AttachLatencyMean is not a setting. Use one of AttachLatency, MaxPerNode.", failures);
    }

    [Fact]
    public void Validate_Defaults_HasNoProblems()
    {
        Assert.Empty(NetworkInterfaceOptionsValidation.Validate(new NetworkInterfaceOptions()));
    }

    [Fact]
    public void Validate_FixedLatencyWithMean_HasNoProblems()
    {
        var options = new NetworkInterfaceOptions { AttachLatency = new LatencyOptions { Mean = TimeSpan.FromSeconds(1) } };

        Assert.Empty(NetworkInterfaceOptionsValidation.Validate(options));
    }
}
