using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Surge.IntegrationTests.Harness;

/// <summary>Calls the gateway the way platform teams and Alertmanager do.</summary>
public static class GatewayApi
{
    /// <summary>Applies a YAML fleet file and fails with the problem details if the gateway rejects it.</summary>
    public static async Task ApplyFleetAsync(this SurgeCluster cluster, string yaml)
    {
        using var response = await cluster.Gateway.PostAsync("/api/fleet", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"Applying the fleet failed with {(int)response.StatusCode}: {body}");
    }

    /// <summary>Posts a body to the Alertmanager webhook with the headers Alertmanager sends.</summary>
    public static async Task<HttpResponseMessage> PostAlertmanagerAsync(this SurgeCluster cluster, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/alertmanager")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.ParseAdd("Alertmanager/0.27.0");
        return await cluster.Gateway.SendAsync(request);
    }

    /// <summary>Returns the saga view from the gateway.</summary>
    public static async Task<JsonElement> GetSagaAsync(this SurgeCluster cluster, Guid sagaId) =>
        await cluster.Gateway.GetFromJsonAsync<JsonElement>($"/api/sagas/{sagaId}");

    /// <summary>Waits until the saga reaches a final status and returns its view.</summary>
    public static Task<JsonElement> WaitForFinishedSagaAsync(this SurgeCluster cluster, Guid sagaId, TimeSpan timeout) =>
        Eventually.GetAsync<JsonElement>(
            async () =>
            {
                JsonElement saga;
                try
                {
                    saga = await cluster.GetSagaAsync(sagaId);
                }
                catch (HttpRequestException)
                {
                    // A service restarting in a chaos test answers 502 or 503 for a moment; ask again.
                    return null;
                }

                return saga.GetProperty("status").GetString() is "Completed" or "PartiallyCompleted" or "Failed" or "Cancelled" or "Declined" ? saga : (JsonElement?)null;
            },
            timeout,
            $"saga {sagaId} to finish");

    /// <summary>Returns the events of the saga's stream.</summary>
    public static async Task<JsonElement[]> GetSagaEventsAsync(this SurgeCluster cluster, Guid sagaId) =>
        await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/audit/sagas/{sagaId}") ?? [];

    /// <summary>Returns the events of every service that carry the correlation id.</summary>
    public static async Task<JsonElement[]> GetCorrelationEventsAsync(this SurgeCluster cluster, string correlationId) =>
        await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/audit/correlations/{correlationId}") ?? [];

    /// <summary>Returns the correlation id the gateway gave a request.</summary>
    public static string CorrelationId(this HttpResponseMessage response) =>
        response.Headers.GetValues("X-Correlation-Id").Single();
}
