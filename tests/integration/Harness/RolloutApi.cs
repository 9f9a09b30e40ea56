using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Surge.IntegrationTests.Harness;

/// <summary>Starts, steers and follows rollouts through the gateway.</summary>
public static class RolloutApi
{
    private static readonly string[] FinalStatuses = ["Completed", "Aborted", "RolledBack", "RollbackIncomplete", "Failed"];

    /// <summary>Starts a rollout with the given request body and returns its id; fails unless the gateway replies 202.</summary>
    public static async Task<Guid> StartRolloutAsync(this SurgeCluster cluster, object request)
    {
        using var response = await cluster.Gateway.PostAsJsonAsync("/api/rollouts", request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Starting a rollout answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("rolloutId").GetGuid();
    }

    /// <summary>Returns the rollout's view.</summary>
    public static async Task<JsonElement> GetRolloutAsync(this SurgeCluster cluster, Guid rolloutId) =>
        await cluster.Gateway.GetFromJsonAsync<JsonElement>($"/api/rollouts/{rolloutId}");

    /// <summary>Sends a command (pause, resume, abort, rollback) and fails unless the gateway replies 202.</summary>
    public static async Task CommandRolloutAsync(this SurgeCluster cluster, Guid rolloutId, string command)
    {
        using var response = await cluster.Gateway.PostAsJsonAsync($"/api/rollouts/{rolloutId}/{command}", new { reason = $"tests: {command}" });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{command} answered {(int)response.StatusCode}: {body}");
    }

    /// <summary>Waits until the rollout's view satisfies <paramref name="condition"/> and returns it.</summary>
    public static Task<JsonElement> WaitForRolloutAsync(this SurgeCluster cluster, Guid rolloutId, Func<JsonElement, bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.GetAsync<JsonElement>(
            async () =>
            {
                var rollout = await cluster.GetRolloutAsync(rolloutId);
                return condition(rollout) ? rollout : null;
            },
            timeout ?? TimeSpan.FromSeconds(90),
            $"rollout {rolloutId} {what}");

    /// <summary>Waits until the rollout reaches a final status and returns its view.</summary>
    public static Task<JsonElement> WaitForFinishedRolloutAsync(this SurgeCluster cluster, Guid rolloutId, TimeSpan? timeout = null) =>
        cluster.WaitForRolloutAsync(rolloutId, rollout => FinalStatuses.Contains(rollout.GetProperty("status").GetString()), "to finish", timeout);

    /// <summary>Returns the status of the view.</summary>
    public static string Status(this JsonElement rollout) => rollout.GetProperty("status").GetString()!;

    /// <summary>Returns the image each instance of the service runs, keyed by instance id, as the Provisioner records it.</summary>
    public static async Task<Dictionary<Guid, string>> ImagesAsync(this SurgeCluster cluster, string service)
    {
        var instances = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/provisioner/instances?service={service}&state=Started");
        return instances!.ToDictionary(i => i.GetProperty("instanceId").GetGuid(), i => i.GetProperty("image").GetString()!);
    }

    /// <summary>Returns the service's backends as "instance id at endpoint", sorted, to compare backend sets.</summary>
    public static async Task<IReadOnlyList<string>> BackendSetAsync(this SurgeCluster cluster, string service)
    {
        var backends = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/loadbalancer/services/{service}/backends");
        return [.. backends!.Select(b => $"{b.GetProperty("instanceId").GetGuid()} at {b.GetProperty("endpoint").GetString()}").Order(StringComparer.Ordinal)];
    }
}
