using System.Net.Http.Json;
using Surge.Contracts.Alerts;
using Surge.Gateway.Routing;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Webhooks;

/// <summary>Hands a normalised notification to Capacity and relays its answer.</summary>
public sealed partial class AlertForwarder(ServiceClient services, ILogger<AlertForwarder> logger)
{
    /// <summary>
    /// Returns Capacity's response. A Capacity that does not answer, or answers 5xx, becomes 503, because a 5xx makes
    /// Alertmanager retry while a 4xx tells it the notification is permanently rejected.
    /// </summary>
    public async Task<UpstreamResponse> ForwardAsync(AlertNotification notification, string correlationId, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await services.SendAsync("capacity", HttpMethod.Post, "/alerts", JsonContent.Create(notification), correlationId, cancellationToken);
            if ((int)response.StatusCode >= 500)
            {
                LogCapacityFailed(logger, (int)response.StatusCode);
                var explanation = await ServiceProblem.ReadExplanationAsync(response, cancellationToken);
                throw DependencyUnavailableException.Responded("capacity", (int)response.StatusCode, explanation, "Send the notification again; Capacity recognises an alert it already took.");
            }

            return await UpstreamResponse.ReadAsync(response, cancellationToken);
        }
        catch (HttpRequestException exception)
        {
            throw new DependencyUnavailableException("capacity", exception);
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Capacity answered {StatusCode} to an alert notification; the sender is asked to retry")]
    private static partial void LogCapacityFailed(ILogger logger, int statusCode);
}
