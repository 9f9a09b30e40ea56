namespace Surge.Cli.Http;

/// <summary>The body of <c>POST /api/rollouts/{id}/pause</c>, <c>abort</c> and <c>rollback</c>. A null reason is left out, so the gateway records its default.</summary>
internal sealed record RolloutCommandRequest(string? Reason);
