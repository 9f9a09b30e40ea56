using Microsoft.Extensions.Options;
using Surge.Rollout.Saga;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Rollout.Probing;

/// <summary>
/// Requests the health gate's HTTP path on each instance of a batch and reports the results to the rollout through the
/// outbox. Its partition is separate from the rollout's, so probing never holds up the rollout's other messages.
/// </summary>
public sealed partial class ProbeInstancesConsumer(
    ConsumerServices services,
    IHttpClientFactory clients,
    IOptions<RolloutOptions> options,
    ILogger<ProbeInstancesConsumer> logger)
    : TransactionalConsumer<ProbeInstances>(services)
{
    /// <summary>The name of the HTTP client the probes use.</summary>
    public const string ClientName = "rollout-probe";

    /// <inheritdoc />
    protected override string PartitionKey(ProbeInstances message) => $"probe/{message.SagaId}/{message.Batch}";

    /// <inheritdoc />
    protected override async Task HandleAsync(ProbeInstances message, OutboxSession unit, CancellationToken cancellationToken)
    {
        var client = clients.CreateClient(ClientName);
        var results = await Task.WhenAll(message.Targets.Select(target => ProbeAsync(client, target, message.Path, cancellationToken)));
        unit.Publish(new InstancesProbed(message.SagaId, message.Batch, results));
    }

    private async Task<ProbeResult> ProbeAsync(HttpClient client, ProbeTarget target, string path, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(target.Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            return new ProbeResult(target.InstanceId, false, $"The instance's endpoint '{target.Endpoint}' is not an http or https URL.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.HttpCheckTimeout);
        var url = new Uri(endpoint, path);
        try
        {
            using var response = await client.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            return response.IsSuccessStatusCode
                ? new ProbeResult(target.InstanceId, true, null)
                : new ProbeResult(target.InstanceId, false, $"GET {url} returned status {(int)response.StatusCode}.");
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            LogProbeFailed(logger, target.InstanceId, url, exception.Message);
            return new ProbeResult(target.InstanceId, false, exception is OperationCanceledException
                ? $"GET {url} timed out after {options.Value.HttpCheckTimeout.TotalSeconds:0.###} s."
                : $"GET {url} failed: {exception.Message}");
        }
    }

    [LoggerMessage(EventId = LogEventIds.Prober, Level = LogLevel.Warning, Message = "HTTP check of instance {InstanceId} at {Url} failed: {Reason}")]
    private static partial void LogProbeFailed(ILogger logger, Guid instanceId, Uri url, string reason);
}
