using System.Text.Json;

namespace Surge.Rollout.Api;

/// <summary>A request to roll a service out to a new image, in place, batch by batch.</summary>
/// <param name="Service">The service whose running instances are updated.</param>
/// <param name="Image">The image to run, such as <c>registry.local/feed-api:1.1.0</c>.</param>
/// <param name="Strategy"><c>in-place</c>, <c>drained-in-place</c> (the default) or <c>recreate</c>.</param>
/// <param name="BatchSize">Instances per batch: a count such as <c>3</c> or a share such as <c>"25%"</c>. Default 1.</param>
/// <param name="MaxUnavailable">The most instances out of service at once, failed ones included. Default: the batch size.</param>
/// <param name="PauseBetweenBatches">How long to wait after each batch, such as <c>"00:00:30"</c>. Default none.</param>
/// <param name="HealthGate">What each batch must pass besides readiness. Default readiness only.</param>
/// <param name="FailureThreshold">How many failed instances start the automatic rollback. Default 1.</param>
/// <param name="DrainTimeout">How long draining waits for requests in flight. Default from <c>Rollout:DefaultDrainTimeout</c>.</param>
/// <param name="RequestedBy">Who requested the rollout, for the audit trail.</param>
public sealed record RolloutRequest(
    string? Service,
    string? Image,
    string? Strategy = null,
    JsonElement? BatchSize = null,
    int? MaxUnavailable = null,
    TimeSpan? PauseBetweenBatches = null,
    HealthGateRequest? HealthGate = null,
    int? FailureThreshold = null,
    TimeSpan? DrainTimeout = null,
    string? RequestedBy = null);

/// <summary>The health gate of a rollout request.</summary>
/// <param name="HttpPath">A path such as <c>/healthz</c> that Rollout requests on each updated instance. A 2xx response passes.</param>
/// <param name="MaxErrorRate">The highest share of failed requests, 0 to 1, the load balancer may see for a batch.</param>
/// <param name="Window">How long the load balancer counts requests to a batch. Default 30 seconds.</param>
public sealed record HealthGateRequest(string? HttpPath = null, double? MaxErrorRate = null, TimeSpan? Window = null);

/// <summary>An operator's reason for pausing, aborting or rolling back, recorded in the rollout's events.</summary>
public sealed record RolloutCommandRequest(string? Reason);
