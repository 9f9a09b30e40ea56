using System.Net.Http.Json;
using System.Text.Json;

namespace Surge.Benchmarks.Rollouts;

/// <summary>The gateway calls of the rollout scenario beyond the saga benchmark's: rollouts, scale-in and the load balancer's pool.</summary>
public sealed class RolloutApi(HttpClient client)
{
    /// <summary>Starts a rollout through <c>POST /api/rollouts</c> and returns its id.</summary>
    public async Task<Guid> StartRolloutAsync(string service, string image, string strategy, int batchSize)
    {
        using var response = await client.PostAsJsonAsync("/api/rollouts", new { service, image, strategy, batchSize, requestedBy = "surge-bench" });
        var body = await ReadAsync(response, "Starting a rollout");
        return body.GetProperty("rolloutId").GetGuid();
    }

    /// <summary>Returns the rollout view from <c>GET /api/rollouts/{id}</c>.</summary>
    public async Task<JsonElement> GetRolloutAsync(Guid rolloutId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/rollouts/{rolloutId}");

    /// <summary>Returns the status of a scale-out or scale-in saga.</summary>
    public async Task<string> GetSagaStatusAsync(Guid sagaId)
    {
        var saga = await client.GetFromJsonAsync<JsonElement>($"/api/sagas/{sagaId}");
        return saga.GetProperty("status").GetString() ?? "";
    }

    /// <summary>Returns the load balancer's backends of the service, each as instance id and the saga that added it.</summary>
    public async Task<IReadOnlyList<PoolMember>> GetBackendsAsync(string service)
    {
        var members = await client.GetFromJsonAsync<JsonElement[]>($"/api/loadbalancer/services/{Uri.EscapeDataString(service)}/backends") ?? [];
        return [.. members.Select(member => new PoolMember(member.GetProperty("instanceId").GetGuid(), member.GetProperty("sagaId").GetGuid()))];
    }

    /// <summary>Returns the event types of the service's backend pool stream, oldest first.</summary>
    public async Task<IReadOnlyList<string>> GetPoolEventTypesAsync(string service)
    {
        using var response = await client.GetAsync($"/api/loadbalancer/audit/streams/backend-pool/{Uri.EscapeDataString(service)}");
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return [];
        }

        var events = await ReadAsync(response, "Reading the backend pool stream");
        return [.. events.EnumerateArray().Select(e => e.GetProperty("type").GetString() ?? "")];
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string action)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{action} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}

/// <summary>One backend of the load balancer's pool: the instance and the scale-out saga that added it.</summary>
public sealed record PoolMember(Guid InstanceId, Guid SagaId);
