using System.Net.Http.Json;
using System.Text.Json;

namespace Surge.IntegrationTests.Harness;

/// <summary>Checks that the load balancer routes to a saga's instances.</summary>
public static class TrafficChecks
{
    /// <summary>Sends requests through the data plane until every instance of the saga answered one, or fails.</summary>
    public static async Task AssertServesTrafficAsync(this SurgeCluster cluster, string service, JsonElement saga)
    {
        var expected = saga.GetProperty("instances").EnumerateArray()
            .Where(i => i.GetProperty("endpoint").ValueKind == JsonValueKind.String && i.GetProperty("failureReason").ValueKind == JsonValueKind.Null)
            .Select(i => i.GetProperty("instanceId").GetString()!)
            .ToHashSet();
        using var client = new HttpClient { BaseAddress = new Uri(cluster.DataPlaneUrl), Timeout = TimeSpan.FromSeconds(10) };
        var seen = new HashSet<string>();
        for (var i = 0; i < expected.Count * 20 && !expected.IsSubsetOf(seen); i++)
        {
            var reply = await client.GetFromJsonAsync<JsonElement>($"/{service}/");
            seen.Add(reply.GetProperty("instanceId").GetString()!);
        }

        Assert.True(expected.IsSubsetOf(seen), $"Instances without traffic: {string.Join(", ", expected.Except(seen))}.");
    }
}
