using Microsoft.Extensions.Configuration;
using Surge.Capacity.Overflow;
using Surge.Capacity.Resources;
using Surge.Capacity.Scheduling;

namespace Surge.Capacity.Tests.Overflow;

public sealed class OverflowOptionsTests
{
    private static readonly IConfiguration NoConfiguration = new ConfigurationBuilder().Build();

    private static CloudProviderOptions Provider(params string[] zones) => new() { Zones = [.. zones] };

    private static OverflowOptions WithProviders(params (string Name, CloudProviderOptions Settings)[] providers)
    {
        var options = new OverflowOptions();
        foreach (var (name, settings) in providers)
        {
            options.Providers[name] = settings;
        }

        return options;
    }

    private static OverflowOptions Bind(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new OverflowOptions();
        configuration.GetSection(OverflowOptions.Section).Bind(options);
        return options;
    }

    [Theory]
    [InlineData("Kind", "Privat")]
    [InlineData("MaxNodes", "four")]
    public void Validate_UnreadableProvider_Fails(string setting, string value)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Overflow:Providers:pc:Zones:0"] = "zone-a",
            [$"Overflow:Providers:pc:{setting}"] = value,
        }).Build();
        var options = new OverflowOptions();
        configuration.GetSection(OverflowOptions.Section).Bind(options);

        var result = new OverflowOptionsValidator(configuration).Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains($"Overflow:Providers:pc:{setting}: '{value}' is not", result.FailureMessage);
    }

    [Fact]
    public void Validate_NoProviders_Succeeds()
    {
        var result = new OverflowOptionsValidator(NoConfiguration).Validate(null, new OverflowOptions());

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void Validate_ProviderWithZones_Succeeds()
    {
        var result = new OverflowOptionsValidator(NoConfiguration).Validate(null, WithProviders(("private-cloud", Provider("zone-a", "zone-b"))));

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_ProviderWithoutZones_NamesZonesKey()
    {
        var result = new OverflowOptionsValidator(NoConfiguration).Validate(null, WithProviders(("private-cloud", Provider())));

        Assert.True(result.Failed);
        Assert.Equal(
            ["Overflow:Providers:private-cloud: Zones needs at least one zone, such as Zones:0=zone-a."],
            result.Failures);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Validate_EmptyZoneName_NamesProvider(string zone)
    {
        var result = new OverflowOptionsValidator(NoConfiguration).Validate(null, WithProviders(("public-cloud", Provider("zone-a", zone))));

        Assert.Equal(["Overflow:Providers:public-cloud:Zones has an empty zone name."], result.Failures);
    }

    [Fact]
    public void Validate_BadSizes_ReportsEachWithProvider()
    {
        var settings = new CloudProviderOptions { NodeCpuMillicores = 0, NodeMemoryMiB = 0, NodeDiskGiB = -1, NodeSwapMiB = -1, MaxNodes = -1, Zones = ["zone-a"] };

        var result = new OverflowOptionsValidator(NoConfiguration).Validate(null, WithProviders(("private-cloud", settings)));

        Assert.NotNull(result.Failures);
        Assert.Equal(
            [
                "Overflow:Providers:private-cloud: MaxNodes must be between 0 and 100000.",
                "Overflow:Providers:private-cloud: NodeCpuMillicores must be at least 1.",
                "Overflow:Providers:private-cloud: NodeDiskGiB must be 0 or more.",
                "Overflow:Providers:private-cloud: NodeMemoryMiB must be at least 1.",
                "Overflow:Providers:private-cloud: NodeSwapMiB must be 0 or more.",
            ],
            result.Failures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Validate_TwoBadProviders_ReportsBoth()
    {
        var result = new OverflowOptionsValidator(NoConfiguration).Validate(
            null, WithProviders(("private-cloud", Provider()), ("public-cloud", Provider("zone-a")), ("spare-cloud", Provider(""))));

        Assert.NotNull(result.Failures);
        Assert.Equal(
            [
                "Overflow:Providers:private-cloud: Zones needs at least one zone, such as Zones:0=zone-a.",
                "Overflow:Providers:spare-cloud:Zones has an empty zone name.",
            ],
            result.Failures.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Bind_ConfiguredZones_KeepsOrder()
    {
        var options = Bind(new()
        {
            ["Overflow:Providers:public-cloud:Kind"] = "Public",
            ["Overflow:Providers:public-cloud:Zones:0"] = "zone-c",
            ["Overflow:Providers:public-cloud:Zones:1"] = "zone-a",
        });

        var provider = Assert.Single(options.Providers);
        Assert.Equal("public-cloud", provider.Key);
        Assert.Equal(["zone-c", "zone-a"], provider.Value.Zones);
        Assert.Equal(CloudKind.Public, provider.Value.Kind);
    }

    [Fact]
    public void Bind_ProviderWithoutZones_FailsValidation()
    {
        var options = Bind(new() { ["Overflow:Providers:private-cloud:MaxNodes"] = "5" });

        var result = new OverflowOptionsValidator(NoConfiguration).Validate(null, options);

        Assert.Equal(["Overflow:Providers:private-cloud: Zones needs at least one zone, such as Zones:0=zone-a."], result.Failures);
    }

    [Fact]
    public void ToProviders_SortsByNameAndCopiesSettings()
    {
        var options = WithProviders(
            ("public-cloud", new CloudProviderOptions { Kind = CloudKind.Public, NodeCpuMillicores = 8000, NodeMemoryMiB = 32768, NodeDiskGiB = 100, NodeSwapMiB = 1024, MaxNodes = 3, Zones = ["zone-c"] }),
            ("private-cloud", Provider("zone-a", "zone-b")));

        var providers = options.ToProviders();

        Assert.Equal(["private-cloud", "public-cloud"], providers.Select(p => p.Name));
        var privateCloud = providers[0];
        Assert.Equal(CloudKind.Private, privateCloud.Kind);
        Assert.Equal(new ResourceAmounts(16_000, 65_536, 500, 0), privateCloud.NodeSize);
        Assert.Equal(20, privateCloud.MaxNodes);
        Assert.Equal(["zone-a", "zone-b"], privateCloud.Zones);
        var publicCloud = providers[1];
        Assert.Equal(CloudKind.Public, publicCloud.Kind);
        Assert.Equal(new ResourceAmounts(8000, 32768, 100, 1024), publicCloud.NodeSize);
        Assert.Equal(3, publicCloud.MaxNodes);
        Assert.Equal(["zone-c"], publicCloud.Zones);
    }

    [Fact]
    public void ToProviders_NoProviders_IsEmpty()
    {
        Assert.Empty(new OverflowOptions().ToProviders());
    }
}
