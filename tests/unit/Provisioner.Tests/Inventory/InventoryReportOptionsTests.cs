using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Surge.Provisioner.Inventory;

namespace Surge.Provisioner.Tests.Inventory;

public sealed class InventoryReportOptionsTests
{
    private const string IntervalKey = "Provisioner:InventoryReports:Interval";

    // Binds and validates the way the service does, so the messages are the ones an operator sees at start.
    private static ServiceProvider Services(params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(setting => KeyValuePair.Create(setting.Key, (string?)setting.Value)))
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddInventoryReports(configuration);
        return services.BuildServiceProvider();
    }

    private static InventoryReportOptions Bind(params (string Key, string Value)[] settings)
    {
        using var services = Services(settings);
        return services.GetRequiredService<IOptions<InventoryReportOptions>>().Value;
    }

    private static IReadOnlyList<string> Failures(params (string Key, string Value)[] settings)
    {
        using var services = Services(settings);
        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<InventoryReportOptions>>().Value);
        return exception.Failures.ToList();
    }

    [Fact]
    public void Defaults_ReportEveryTenSeconds()
    {
        Assert.Equal(TimeSpan.FromSeconds(10), Bind().Interval);
    }

    [Theory]
    [InlineData("00:00:01")]
    [InlineData("00:00:30")]
    [InlineData("01:00:00")]
    public void Interval_InRange_IsBound(string interval)
    {
        Assert.Equal(TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture), Bind((IntervalKey, interval)).Interval);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.999")]
    [InlineData("-00:00:05")]
    [InlineData("01:00:01")]
    public void Interval_OutOfRange_FailsNamingKeyAndFix(string interval)
    {
        var failure = Assert.Single(Failures((IntervalKey, interval)));

        Assert.Contains(IntervalKey, failure, StringComparison.Ordinal);
        Assert.Contains("between 00:00:01 (one second) and 01:00:00 (one hour)", failure, StringComparison.Ordinal);
        Assert.Contains("such as 00:00:10", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Services_IncludeReporter()
    {
        var services = new ServiceCollection();

        services.AddInventoryReports(new ConfigurationBuilder().Build());

        Assert.Contains(services, service => service.ImplementationType == typeof(InventoryReporter));
    }
}
