using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Options;

namespace Surge.ServiceDefaults.Tests.Options;

public sealed class ConfigurationErrorsTests
{
    [Fact]
    public void OutOfRange_NamesValueAndVariable()
    {
        var configuration = Configuration(("Outbox:HandOffTimeout", "00:02:00"));

        var lines = ConfigurationErrors.Explain(ResolveOutbox(configuration), configuration);

        var line = Assert.Single(lines!);
        Assert.Contains("Outbox:HandOffTimeout must be between 10 ms and 10 seconds.", line);
        Assert.Contains("now '00:02:00'", line);
        Assert.Contains("environment variable Outbox__HandOffTimeout", line);
    }

    [Fact]
    public void TimeoutNotBelowGrace_Rejected()
    {
        var configuration = Configuration(("Outbox:HandOffTimeout", "00:00:06"), ("Outbox:HandOffGrace", "00:00:05"));

        var lines = ConfigurationErrors.Explain(ResolveOutbox(configuration), configuration);

        var line = Assert.Single(lines!);
        Assert.Contains("Outbox:HandOffTimeout (00:00:06) must be shorter than Outbox:HandOffGrace (00:00:05)", line);
    }

    [Fact]
    public void Unreadable_NamesFormat()
    {
        var configuration = Configuration(("Outbox:HandOffTimeout", "garbage"));

        var lines = ConfigurationErrors.Explain(ResolveOutbox(configuration), configuration);

        var line = Assert.Single(lines!);
        Assert.StartsWith("Outbox:HandOffTimeout: 'garbage' is not a duration.", line);
        Assert.Contains("such as 00:00:02", line);
        Assert.Contains("environment variable Outbox__HandOffTimeout", line);
    }

    [Fact]
    public void ConnectionString_ValueHidden()
    {
        var configuration = Configuration(("ConnectionStrings:Postgres", "Host=db;Password=hunter2"));
        var failure = new OptionsValidationException("ConnectionOptions", typeof(ConnectionOptions), ["ConnectionStrings:Postgres must name a host."]);

        var line = Assert.Single(ConfigurationErrors.Explain(failure, configuration)!);

        Assert.DoesNotContain("hunter2", line);
        Assert.Contains("set, value hidden", line);
    }

    [Fact]
    public void UnknownEnumValue_ListsValues()
    {
        var configuration = Configuration(("Sample:Strategy", "wild"));

        var line = Assert.Single(ConfigurationErrors.Explain(Resolve<SampleOptions>(configuration, "Sample"), configuration)!);

        Assert.StartsWith("Sample:Strategy: 'wild' is not one of Spread, Pack", line);
    }

    [Fact]
    public void TooLargeNumber_GivesRange()
    {
        var configuration = Configuration(("Sample:Count", "99999999999"));

        var line = Assert.Single(ConfigurationErrors.Explain(Resolve<SampleOptions>(configuration, "Sample"), configuration)!);

        Assert.Contains("is not a whole number from -2147483648 to 2147483647", line);
    }

    [Fact]
    public void HyphenatedKey_NamedWhole()
    {
        var configuration = Configuration(("Overflow:Providers:private-cloud:MaxNodes", "-4"));
        var failure = new OptionsValidationException("Overflow", typeof(object), ["Overflow:Providers:private-cloud:MaxNodes must be between 0 and 100000."]);

        var line = Assert.Single(ConfigurationErrors.Explain(failure, configuration)!);

        Assert.Contains("now '-4'", line);
        Assert.Contains("environment variable Overflow__Providers__private-cloud__MaxNodes or command-line argument --Overflow:Providers:private-cloud:MaxNodes=", line);
    }

    [Fact]
    public void ListEntryMessage_NamesSetting()
    {
        var configuration = Configuration(("Overflow:Providers:private-cloud:MaxNodes", "-4"));
        var failure = new OptionsValidationException("Overflow", typeof(object), ["Overflow:Providers:private-cloud: MaxNodes must be between 0 and 100000."]);

        var line = Assert.Single(ConfigurationErrors.Explain(failure, configuration)!);

        Assert.Contains("now '-4'; environment variable Overflow__Providers__private-cloud__MaxNodes", line);
    }

    [Fact]
    public void SameFailureTwice_ReportedOnce()
    {
        var configuration = Configuration();
        var failure = new OptionsValidationException("ConnectionOptions", typeof(ConnectionOptions), ["ConnectionStrings:RabbitMq is missing."]);

        var lines = ConfigurationErrors.Explain(new AggregateException(failure, failure), configuration);

        Assert.Single(lines!);
    }

    [Fact]
    public void UrlPassword_Masked()
    {
        var configuration = Configuration(("Gateway:Services:Capacity", "ftp://admin:hunter2@127.0.0.1:5081"));
        var failure = new OptionsValidationException("ServiceUrls", typeof(object), ["Gateway:Services:Capacity must be an absolute http or https URL."]);

        var line = Assert.Single(ConfigurationErrors.Explain(failure, configuration)!);

        Assert.DoesNotContain("hunter2", line);
        Assert.Contains("now 'ftp://***@127.0.0.1:5081'", line);
    }

    [Theory]
    [InlineData("Gateway:Authentication:ApiKeys:0:Key", true)]
    [InlineData("Gateway:Authentication:ApiKeys:0:Role", false)]
    [InlineData("Broker:Password", true)]
    public void KeyNamedSecret_ValueHidden(string key, bool hidden)
    {
        var configuration = Configuration((key, "visible-or-not"));
        var failure = new OptionsValidationException("Sample", typeof(object), [$"{key} is invalid."]);

        var line = Assert.Single(ConfigurationErrors.Explain(failure, configuration)!);

        Assert.Equal(hidden, !line.Contains("visible-or-not", StringComparison.Ordinal));
    }

    [Fact]
    public void OtherException_NotExplained()
    {
        var configuration = Configuration();

        Assert.Null(ConfigurationErrors.Explain(new InvalidOperationException("The port is in use."), configuration));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value))).Build();

    private static Exception ResolveOutbox(IConfiguration configuration) => Resolve<OutboxOptions>(configuration, OutboxOptions.Section);

    // Resolves the options the way the host's start-up validation does and returns what it throws.
    private static Exception Resolve<T>(IConfiguration configuration, string section)
        where T : class
    {
        var services = new ServiceCollection();
        services.AddOptions<T>().Bind(configuration.GetSection(section)).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();
        return Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IOptions<T>>().Value);
    }

    public enum SampleStrategy
    {
        Spread,
        Pack,
    }

    public sealed class SampleOptions
    {
        public SampleStrategy Strategy { get; set; }

        public int Count { get; set; }
    }
}
