using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.ScaleIn;

/// <summary>Starts scale-ins through the gateway's API and checks where the data plane sends traffic afterwards.</summary>
public static class ScaleInRequests
{
    /// <summary>Requests a scale-in of <paramref name="count"/> instances and returns the saga id. Fails unless the gateway returns 202.</summary>
    public static async Task<Guid> RequestScaleInAsync(this SurgeCluster cluster, string service, int count, string drainTimeout = "00:00:01")
    {
        using var response = await cluster.Gateway.PostAsJsonAsync("/api/sagas/scale-in", new { service, count, drainTimeout, requestedBy = "tests" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Scale-in request failed with {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("sagaId").GetGuid();
    }

    /// <summary>Scales <paramref name="service"/> out by <paramref name="count"/> and returns the completed saga's ready instance ids.</summary>
    public static async Task<IReadOnlyList<string>> ScaleOutAndWaitAsync(this SurgeCluster cluster, string service, int count, TimeSpan timeout)
    {
        var sagaId = await cluster.RequestScaleOutAsync(service, count);
        var saga = await cluster.WaitForFinishedSagaAsync(sagaId, timeout);
        Assert.True(saga.GetProperty("status").GetString() == "Completed", $"The scale-out before the scale-in did not complete: {saga}");
        return [.. saga.GetProperty("instances").EnumerateArray().Select(instance => instance.GetProperty("instanceId").GetString()!)];
    }

    /// <summary>Returns the instance ids of a scale-in saga's victims.</summary>
    public static IReadOnlyList<string> VictimIds(JsonElement saga) =>
        [.. saga.GetProperty("victims").EnumerateArray().Select(victim => victim.GetProperty("instanceId").GetString()!)];

    /// <summary>
    /// Sends requests through the data plane until every instance of <paramref name="serving"/> served one. Fails if
    /// a request fails or any instance of <paramref name="removed"/> serves one.
    /// </summary>
    public static async Task AssertTrafficOnlyToAsync(this SurgeCluster cluster, string service, IReadOnlyCollection<string> serving, IReadOnlyCollection<string> removed)
    {
        using var client = new HttpClient { BaseAddress = new Uri(cluster.DataPlaneUrl), Timeout = TimeSpan.FromSeconds(10) };
        var seen = new HashSet<string>();
        for (var i = 0; i < Math.Max(serving.Count, 1) * 20 && !serving.All(seen.Contains); i++)
        {
            using var response = await client.GetAsync($"/{service}/");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"Request {i} through the data plane failed with {(int)response.StatusCode}: {body}");
            seen.Add(JsonDocument.Parse(body).RootElement.GetProperty("instanceId").GetString()!);
        }

        Assert.True(serving.All(seen.Contains), $"Instances without traffic: {string.Join(", ", serving.Except(seen))}.");
        Assert.True(!removed.Any(seen.Contains), $"Removed instances still received traffic: {string.Join(", ", removed.Intersect(seen))}.");
    }
}
