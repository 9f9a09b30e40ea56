using System.Text.Json;
using System.Text.Json.Serialization;
using Surge.ServiceDefaults.Problems;

namespace Surge.ServiceDefaults.Tests.Problems;

public sealed class JsonProblemTests
{
    private static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.Strict,
    };

    [Fact]
    public void Describe_UnknownField_NamesFieldWithoutTypeNames()
    {
        var (field, error) = JsonProblem.Describe(Fail("""{"cpu": 1, "lendIdleCapacity": true}"""));

        Assert.Equal("lendIdleCapacity", field);
        Assert.Contains("not a known field", error);
        Assert.DoesNotContain("Surge.", error);
    }

    [Fact]
    public void Describe_NumberSentAsString_SaysWrongType()
    {
        var (field, error) = JsonProblem.Describe(Fail("""{"cpu": "4000"}"""));

        Assert.Equal("cpu", field);
        Assert.StartsWith("'cpu' has the wrong type", error);
        Assert.Contains("number", error);
        Assert.DoesNotContain("Surge.", error);
    }

    [Fact]
    public void Describe_NestedField_KeepsPath()
    {
        var (field, _) = JsonProblem.Describe(Fail("""{"cpu": 1, "shape": {"memory": "lots"}}"""));

        Assert.Equal("shape.memory", field);
    }

    [Fact]
    public void Describe_SyntaxError_ReportsBody()
    {
        var (field, error) = JsonProblem.Describe(Fail("""{"cpu": """));

        Assert.Equal("body", field);
        Assert.StartsWith("The body is not valid JSON", error);
    }

    [Fact]
    public void Describe_StringWhereAListBelongs_AsksForAList()
    {
        var (field, error) = JsonProblem.Describe(Fail("""{"cpu": 1, "zones": "zone-a"}"""));

        Assert.Equal("zones", field);
        Assert.Equal("'zones' must be a list.", error);
    }

    [Theory]
    [InlineData("\"fast\"")]
    [InlineData("1")]
    public void Describe_UnknownEnumValue_ListsTheValues(string value)
    {
        var (field, error) = JsonProblem.Describe(Fail($$"""{"cpu": 1, "mode": {{value}}}"""));

        Assert.Equal("mode", field);
        Assert.Equal("'mode' must be one of spread, pack.", error);
    }

    [Fact]
    public void Describe_NumberSentAsString_SaysToDropTheQuotes()
    {
        var (_, error) = JsonProblem.Describe(Fail("""{"cpu": "4000"}"""));

        Assert.Equal("'cpu' has the wrong type: it must be a number, written without quotes.", error);
    }

    [Theory]
    [InlineData("\"2m\"")]
    [InlineData("\"two minutes\"")]
    public void Describe_DurationInOtherForm_ShowsTheForm(string value)
    {
        var (field, error) = JsonProblem.Describe(Fail($$"""{"cpu": 1, "wait": {{value}}}"""));

        Assert.Equal("wait", field);
        Assert.Equal("'wait' has the wrong type: it must be a duration written as \"hh:mm:ss\", such as \"00:02:00\" for two minutes.", error);
    }

    [Fact]
    public void Describe_TimeInOtherForm_ShowsTheForm()
    {
        var (field, error) = JsonProblem.Describe(Fail("""{"cpu": 1, "since": "yesterday"}"""));

        Assert.Equal("since", field);
        Assert.Contains("ISO 8601", error);
    }

    [Fact]
    public void Describe_MalformedUuid_ShowsTheForm()
    {
        var (field, error) = JsonProblem.Describe(Fail("""{"cpu": 1, "id": "instance-1"}"""));

        Assert.Equal("id", field);
        Assert.Contains("UUID", error);
    }

    private static JsonException Fail(string json) =>
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<Probe>(json, Strict));

    private sealed record Probe(int Cpu, ProbeShape? Shape = null, IReadOnlyList<string>? Zones = null, ProbeMode? Mode = null, TimeSpan? Wait = null, DateTimeOffset? Since = null, Guid? Id = null);

    [JsonConverter(typeof(StrictModeConverter))]
    public enum ProbeMode
    {
        Spread,
        Pack,
    }

    private sealed class StrictModeConverter() : JsonStringEnumConverter<ProbeMode>(JsonNamingPolicy.CamelCase, allowIntegerValues: false);

    private sealed record ProbeShape(int Memory);
}
