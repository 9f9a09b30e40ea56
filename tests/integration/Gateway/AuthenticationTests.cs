using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Gateway;

/// <summary>The gateway admits each caller by API key and role, and answers with problem details otherwise.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Integration")]
public sealed class AuthenticationTests(SurgeCluster cluster)
{
    [Theory]
    [InlineData("GET", "/api/sagas")]
    [InlineData("GET", "/api/capacity/pools")]
    [InlineData("POST", "/webhooks/alertmanager")]
    [InlineData("POST", "/api/fleet")]
    public async Task NoKey_Returns401WithChallenge(string method, string path)
    {
        using var client = cluster.CreateGatewayClient(apiKey: null);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Contains("No API key was sent", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownKey_Returns401()
    {
        using var client = cluster.CreateGatewayClient("not-a-key-that-the-gateway-knows-about");

        using var response = await client.GetAsync("/api/sagas");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("not one of the gateway's keys", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(problem.TryGetProperty("correlationId", out _), problem.GetRawText());
    }

    [Theory]
    [InlineData("viewer", "GET", "/api/capacity/pools", HttpStatusCode.OK)]
    [InlineData("viewer", "PUT", "/api/capacity/pools/auth-pool", HttpStatusCode.Forbidden)]
    [InlineData("viewer", "POST", "/api/fleet", HttpStatusCode.Forbidden)]
    [InlineData("viewer", "POST", "/webhooks/alertmanager", HttpStatusCode.Forbidden)]
    [InlineData("alerting", "GET", "/api/sagas", HttpStatusCode.Forbidden)]
    [InlineData("alerting", "POST", "/webhooks/alertmanager", HttpStatusCode.BadRequest)]
    [InlineData("operator", "POST", "/api/sagas/scale-out", HttpStatusCode.BadRequest)]
    [InlineData("operator", "PUT", "/api/capacity/pools/auth-pool", HttpStatusCode.Forbidden)]
    public async Task RoleKey_GetsWhatItsRoleAllows(string role, string method, string path, HttpStatusCode expected)
    {
        using var client = cluster.CreateGatewayClient(cluster.ApiKeys[role]);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });

        Assert.Equal(expected, response.StatusCode);
    }

    [Fact]
    public async Task BasicAuthWithKeyAsPassword_IsAccepted()
    {
        using var client = cluster.CreateGatewayClient(apiKey: null);
        var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"alertmanager:{cluster.ApiKeys["alerting"]}"));
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/alertmanager") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", credentials);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task HealthAndOpenApi_NeedNoKey()
    {
        using var client = cluster.CreateGatewayClient(apiKey: null);

        using var health = await client.GetAsync("/health/ready");
        using var openApi = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
    }
}
