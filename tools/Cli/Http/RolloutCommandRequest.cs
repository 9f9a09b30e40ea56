namespace Surge.Cli.Http;

/// <summary>The body of <c>POST /api/rollouts/{id}/pause</c>, <c>abort</c> and <c>rollback</c>; a null reason keeps the gateway's.</summary>
internal sealed record RolloutCommandRequest(string? Reason);
