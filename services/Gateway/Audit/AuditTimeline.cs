using System.Net.Http.Json;
using System.Text.Json;
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

            return await response.Content.ReadFromJsonAsync<JsonElement[]>(cancellationToken) ?? [];
        }
        catch (HttpRequestException exception)
        {
            throw new DependencyUnavailableException(service, exception);
        }
    }
}
