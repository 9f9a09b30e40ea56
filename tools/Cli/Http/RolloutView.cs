namespace Surge.Cli.Http;

/// <summary>A rollout as <c>GET /api/rollouts/{id}</c> returns it, with the fields surge-cli reads.</summary>
internal sealed record RolloutView(string RolloutId, string Service, string Image, string Strategy, string Status, string? Reason)
{
    /// <summary>Whether the rollout has reached a status it never leaves.</summary>
    public bool IsFinished => Status is "Completed" or "Aborted" or "RolledBack" or "RollbackIncomplete" or "Failed";
}
