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
    public void OtherException_NotExplained()
    {
        var configuration = Configuration();

        Assert.Null(ConfigurationErrors.Explain(new InvalidOperationException("The port is in use."), configuration));
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(pair => KeyValuePair.Create(pair.Key, (string?)pair.Value))).Build();

    // Resolves the options the way the host's start-up validation does and returns what it throws.
    private static Exception ResolveOutbox(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();
        return Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IOptions<OutboxOptions>>().Value);
    }
}
