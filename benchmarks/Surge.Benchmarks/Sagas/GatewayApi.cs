using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Surge.Benchmarks.Sagas;

/// <summary>The gateway calls the benchmark makes, with the admin key.</summary>
public sealed class GatewayApi(HttpClient client)
{
    /// <summary>Applies a YAML fleet file; throws with the problem details when the gateway rejects it.</summary>
    public async Task ApplyFleetAsync(string yaml)
    {
        using var response = await client.PostAsync("/api/fleet", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Applying the fleet failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>Starts a scale-out saga through <c>POST /api/sagas/scale-out</c> and returns its id and correlation id.</summary>
    public async Task<StartedSaga> StartScaleOutAsync(string service, int count)
    {
        using var response = await client.PostAsJsonAsync("/api/sagas/scale-out", new { service, count, requestedBy = "surge-bench" });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Starting a scale-out failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var correlationId = response.Headers.TryGetValues("X-Correlation-Id", out var values) ? values.First() : "";
        return new StartedSaga(body.GetProperty("sagaId").GetGuid(), correlationId);
    }

    /// <summary>Returns the id and status of the newest 200 sagas of <paramref name="service"/>.</summary>
    public async Task<IReadOnlyList<(Guid SagaId, string Status)>> ListSagasAsync(string service)
    {
        var sagas = await client.GetFromJsonAsync<JsonElement[]>($"/api/sagas?service={Uri.EscapeDataString(service)}") ?? [];
        return [.. sagas.Select(saga => (saga.GetProperty("sagaId").GetGuid(), saga.GetProperty("status").GetString() ?? ""))];
    }

    /// <summary>Returns the status of one saga.</summary>
    public async Task<string> GetSagaStatusAsync(Guid sagaId)
    {
        var saga = await client.GetFromJsonAsync<JsonElement>($"/api/sagas/{sagaId}");
        return saga.GetProperty("status").GetString() ?? "";
    }

    /// <summary>Returns the events of a saga's stream from <c>GET /api/audit/sagas/{id}</c>.</summary>
    public async Task<IReadOnlyList<TimedEvent>> GetSagaEventsAsync(Guid sagaId)
    {
        var events = await client.GetFromJsonAsync<JsonElement[]>($"/api/audit/sagas/{sagaId}") ?? [];
        return [.. events.Select(TimedEvent.From)];
    }

    /// <summary>Returns the events of every service that carry the correlation id, from <c>GET /api/audit/correlations/{id}</c>.</summary>
    public async Task<IReadOnlyList<TimedEvent>> GetCorrelationEventsAsync(string correlationId)
    {
        var events = await client.GetFromJsonAsync<JsonElement[]>($"/api/audit/correlations/{Uri.EscapeDataString(correlationId)}") ?? [];
        return [.. events.Select(TimedEvent.From)];
    }
}

/// <summary>A saga the benchmark started.</summary>
public sealed record StartedSaga(Guid SagaId, string CorrelationId);

/// <summary>One stored event as the audit API returns it, reduced to what the step times need.</summary>
public sealed record TimedEvent(string Service, string Type, DateTimeOffset Timestamp)
{
    /// <summary>Reads the service, type and timestamp of an audit event.</summary>
    public static TimedEvent From(JsonElement e) => new(
        e.TryGetProperty("service", out var service) ? service.GetString() ?? "" : "",
        e.GetProperty("type").GetString() ?? "",
        e.GetProperty("timestamp").GetDateTimeOffset());
}
