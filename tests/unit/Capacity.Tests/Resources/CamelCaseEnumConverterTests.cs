using System.Text.Json;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Tests.Resources;

public sealed class CamelCaseEnumConverterTests
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData(PlacementStrategy.Spread, "\"spread\"")]
    [InlineData(PlacementStrategy.Pack, "\"pack\"")]
    public void Serialize_PlacementStrategy_WritesCamelCaseName(PlacementStrategy strategy, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(strategy, Web));
        Assert.Equal(json, JsonSerializer.Serialize(strategy));
    }

    [Theory]
    [InlineData("\"spread\"", PlacementStrategy.Spread)]
    [InlineData("\"pack\"", PlacementStrategy.Pack)]
    public void Deserialize_CamelCaseName_ReadsStrategy(string json, PlacementStrategy strategy)
    {
        Assert.Equal(strategy, JsonSerializer.Deserialize<PlacementStrategy>(json, Web));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("\"1\"")]
    [InlineData("\"bestFit\"")]
    [InlineData("\"\"")]
    public void Deserialize_NumberOrUnknownName_Throws(string json)
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<PlacementStrategy>(json, Web));
    }

    [Fact]
    public void Serialize_ServiceSpec_WritesStrategyAsName()
    {
        var spec = new ServiceSpec("feed-pool", "registry.local/feed-api:1.0.0", new InstanceShapeSpec(500, 512), Strategy: PlacementStrategy.Pack);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(spec, Web));

        Assert.Equal("pack", json.RootElement.GetProperty("strategy").GetString());
    }

    [Fact]
    public void Deserialize_ServiceSpecWithNumericStrategy_Throws()
    {
        const string json = """{"pool":"feed-pool","image":"registry.local/feed-api:1.0.0","shape":{"cpuMillicores":500,"memoryMiB":512},"strategy":1}""";

        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<ServiceSpec>(json, Web));
    }

    [Fact]
    public void Deserialize_ServiceSpecWithoutStrategy_LeavesItNull()
    {
        const string json = """{"pool":"feed-pool","image":"registry.local/feed-api:1.0.0","shape":{"cpuMillicores":500,"memoryMiB":512}}""";

        var spec = JsonSerializer.Deserialize<ServiceSpec>(json, Web);

        Assert.NotNull(spec);
        Assert.Null(spec.Strategy);
    }

    [Theory]
    [InlineData(CloudKind.Private, "\"private\"")]
    [InlineData(CloudKind.Public, "\"public\"")]
    public void Serialize_CloudKind_WritesCamelCaseName(CloudKind kind, string json)
    {
        Assert.Equal(json, JsonSerializer.Serialize(kind, Web));
        Assert.Equal(kind, JsonSerializer.Deserialize<CloudKind>(json, Web));
    }
}
