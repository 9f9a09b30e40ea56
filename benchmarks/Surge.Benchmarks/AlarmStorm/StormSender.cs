using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Surge.Benchmarks.AlarmStorm;

/// <summary>What the gateway returned for one notification.</summary>
/// <param name="SentAt">When the request was sent, on this machine's clock.</param>
/// <param name="Outcome">The alert's outcome (<c>started</c>, <c>duplicate</c>, ...), or the HTTP status when the gateway did not return 202.</param>
/// <param name="SagaId">The saga the outcome names, if any.</param>
public sealed record SentNotification(StormIncident Incident, DateTimeOffset SentAt, string Outcome, Guid? SagaId);

/// <summary>Sends the storm's notifications to the Alertmanager webhook on schedule, each without waiting for the earlier ones.</summary>
public static class StormSender
{
    /// <summary>Sends every notification of the plan, evenly spread over <paramref name="duration"/>, and returns each result.</summary>
    public static async Task<IReadOnlyList<SentNotification>> SendAsync(HttpClient gateway, StormPlan plan, TimeSpan duration)
    {
        var results = new ConcurrentBag<SentNotification>();
        var interval = duration / plan.Order.Count;
        var clock = Stopwatch.StartNew();
        var sends = new List<Task>(plan.Order.Count);
        for (var i = 0; i < plan.Order.Count; i++)
        {
            var due = interval * i;
            if (due > clock.Elapsed)
            {
                await Task.Delay(due - clock.Elapsed);
            }

            var incident = plan.Order[i];
            sends.Add(SendOneAsync(gateway, incident, results));
        }

        await Task.WhenAll(sends);
        return [.. results];
    }

    private static async Task SendOneAsync(HttpClient gateway, StormIncident incident, ConcurrentBag<SentNotification> results)
    {
        var sentAt = DateTimeOffset.UtcNow;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/alertmanager")
        {
            Content = new StringContent(StormPlan.Body(incident), Encoding.UTF8, "application/json"),
        };
        request.Headers.UserAgent.ParseAdd("Alertmanager/0.27.0");
        using var response = await gateway.SendAsync(request);
        if ((int)response.StatusCode != 202)
        {
            results.Add(new SentNotification(incident, sentAt, $"HTTP {(int)response.StatusCode}", null));
            return;
        }

        var outcome = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcomes")[0];
        var sagaId = outcome.TryGetProperty("sagaId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetGuid() : (Guid?)null;
        results.Add(new SentNotification(incident, sentAt, outcome.GetProperty("outcome").GetString() ?? "", sagaId));
    }
}
