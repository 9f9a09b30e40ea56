namespace Surge.Cli.Http;

/// <summary>The body of <c>POST /api/rollouts</c>. A null field is left out, so the gateway applies its default.</summary>
/// <param name="BatchSize">A count as a JSON number, or a share such as <c>"25%"</c> as a string.</param>
/// <param name="PauseBetweenBatches">Sent as <c>hh:mm:ss</c>, like every duration of the API.</param>
internal sealed record RolloutStartRequest(
    string Service,
    string Image,
    string? Strategy,
    object? BatchSize,
    int? MaxUnavailable,
    TimeSpan? PauseBetweenBatches,
    RolloutHealthGateRequest? HealthGate,
    int? FailureThreshold,
    TimeSpan? DrainTimeout,
    string RequestedBy);
