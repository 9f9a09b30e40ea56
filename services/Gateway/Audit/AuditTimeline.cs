using System.Net.Http.Json;
using System.Text.Json;
using Surge.Gateway.Options;
using Surge.Gateway.Routing;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Audit;

/// <summary>Merges the events of one correlation id from every service's audit API into one timeline.</summary>
public sealed class AuditTimeline(ServiceClient services)
{
    /// <summary>Returns all events that carry <paramref name="correlationId"/>, ordered by time, then service, then sequence.</summary>
    public async Task<IReadOnlyList<JsonElement>> ForCorrelationAsync(string correlationId, CancellationToken cancellationToken)
    {
        var path = $"/audit/events?correlationId={Uri.EscapeDataString(correlationId)}&limit=5000";
        var perService = await Task.WhenAll(services.ServiceNames.Select(service => FetchAsync(service, path, correlationId, cancellationToken)));

        return [.. perService
            .SelectMany(events => events)
            .OrderBy(e => e.GetProperty("timestamp").GetDateTimeOffset())
            .ThenBy(e => e.GetProperty("service").GetString(), StringComparer.Ordinal)
            .ThenBy(e => e.GetProperty("sequence").GetInt64())];
    }

    private async Task<JsonElement[]> FetchAsync(string service, string path, string correlationId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await services.SendAsync(service, HttpMethod.Get, path, null, correlationId, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var explanation = await ServiceProblem.ReadExplanationAsync(response, cancellationToken);
                throw DependencyUnavailableException.Responded(service, (int)response.StatusCode, explanation, "Retry the request.");
            }

            var events = await ReadEventsAsync(response, cancellationToken);
            return events ?? throw DependencyUnavailableException.Responded(
                service,
                (int)response.StatusCode,
                "Its body was not a JSON list of audit events with timestamp, service and sequence.",
                $"Check that Gateway:Services:{ServiceUrls.SettingName(service)} points at the Surge {service} service.");
        }
        catch (HttpRequestException exception)
        {
            throw new DependencyUnavailableException(service, exception);
        }
    }

    // Returns null for a body the merge cannot order, which a service other than Surge's may send.
    private static async Task<JsonElement[]?> ReadEventsAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        JsonElement body;
        try
        {
            body = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }

        if (body.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var events = body.EnumerateArray().ToArray();
        return events.All(IsOrderable) ? events : null;
    }

    private static bool IsOrderable(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object
        && e.TryGetProperty("timestamp", out var timestamp) && timestamp.ValueKind == JsonValueKind.String && timestamp.TryGetDateTimeOffset(out _)
        && e.TryGetProperty("service", out var service) && service.ValueKind == JsonValueKind.String
        && e.TryGetProperty("sequence", out var sequence) && sequence.ValueKind == JsonValueKind.Number && sequence.TryGetInt64(out _);
}
