using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Surge.Provisioner.Simulation.Outages;
using Surge.ServiceDefaults.Problems;

namespace Surge.Provisioner.Tests.Simulation.Outages;

public sealed class NodeOutageRequestTests
{
    // The JSON settings every service's endpoints read bodies with, so unknown fields and wrong types fail as they do in
    // the Provisioner.
    private static readonly JsonSerializerOptions Json = ServiceJsonOptions();

    private static JsonSerializerOptions ServiceJsonOptions()
    {
        var services = new ServiceCollection();
        services.AddSurgeProblemDetails();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
    }

    private static NodeOutageRequest? Read(string body) => JsonSerializer.Deserialize<NodeOutageRequest>(body, Json);

    private static (string Field, string Error) Problem(string body) =>
        JsonProblem.Describe(Assert.Throws<JsonException>(() => Read(body)));

    [Theory]
    [InlineData("""{"instancesSurvive": true}""", true)]
    [InlineData("""{"instancesSurvive": false}""", false)]
    [InlineData("""{"InstancesSurvive": false}""", false)]
    public void Read_InstancesSurvive_IsBound(string body, bool expected)
    {
        Assert.Equal(expected, Read(body)!.InstancesSurvive);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"instancesSurvive": null}""")]
    public void Read_InstancesSurviveLeftOut_IsNull(string body)
    {
        Assert.Null(Read(body)!.InstancesSurvive);
    }

    [Fact]
    public void Read_UnknownField_NamesField()
    {
        var (field, error) = Problem("""{"instancesSurvive": true, "survive": false}""");

        Assert.Equal("survive", field);
        Assert.Equal("'survive' is not a known field. Check its spelling against the API documentation.", error);
    }

    [Theory]
    [InlineData("""{"instancesSurvive": "yes"}""")]
    [InlineData("""{"instancesSurvive": "true"}""")]
    [InlineData("""{"instancesSurvive": 1}""")]
    public void Read_NotBoolean_NamesFieldAndType(string body)
    {
        var (field, error) = Problem(body);

        Assert.Equal("instancesSurvive", field);
        Assert.Contains("true or false", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_DuplicateField_IsRejected()
    {
        Assert.Throws<JsonException>(() => Read("""{"instancesSurvive": true, "instancesSurvive": false}"""));
    }
}
