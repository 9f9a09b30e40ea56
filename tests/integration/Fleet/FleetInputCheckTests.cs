using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Fleet;

/// <summary>A fleet file with a mistake gets a 400 that names the document and the field.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class FleetInputCheckTests(SurgeCluster cluster)
{
    [Theory]
    [InlineData("lendIdleCapacity: true", "documents[0].spec.lendIdleCapacity", "not a known field")]
    [InlineData("maxLendRatio: \"0.5\"", "documents[0].spec.maxLendRatio", "wrong type")]
    [InlineData("maxLendRatio: 2", "documents[0].spec.maxLendRatio", "between 0 and 1")]
    public async Task PoolWithMistake_Returns400NamingField(string specLine, string field, string hint)
    {
        var yaml = $"""
            apiVersion: surge/v1
            kind: Pool
            metadata: {'{'}name: typo-pool{'}'}
            spec:
              {specLine}
            """;

        using var response = await cluster.Gateway.PostAsync("/api/fleet", new StringContent(yaml, Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var errors), problem.ToString());
        Assert.Contains(hint, errors[0].GetString());
        Assert.DoesNotContain("Surge.", problem.ToString());
        using var pool = await cluster.Gateway.GetAsync("/api/capacity/pools/typo-pool");
        Assert.Equal(HttpStatusCode.NotFound, pool.StatusCode);
    }

    [Fact]
    public async Task YamlSyntaxError_Returns400WithLine()
    {
        using var response = await cluster.Gateway.PostAsync("/api/fleet", new StringContent("kind: Pool\nspec: [unclosed\n", Encoding.UTF8, "application/yaml"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("line", problem.GetProperty("errors").GetProperty("body")[0].GetString());
    }
}
