namespace Surge.Cli.Http;

/// <summary>A rollout as <c>GET /api/rollouts/{id}</c> returns it, with the fields surge-cli reads.</summary>
/// <param name="Step">What the rollout waits for, such as <c>Update</c>, or <c>None</c> when paused or finished.</param>
/// <param name="RequestedBatchSize">The batch size as requested: a count such as <c>3</c> or a share such as <c>25%</c>.</param>
/// <param name="BatchSize">The instances per batch, or 0 until the instances are described.</param>
internal sealed record RolloutView(
    string RolloutId,
    string Service,
    string Image,
    string Strategy,
    string Status,
    string? Reason,
    string? Step = null,
    string? RequestedBatchSize = null,
    int BatchSize = 0,
    int MaxUnavailable = 0,
    int FailureThreshold = 0,
    int FailedCount = 0,
    bool PauseRequested = false,
    bool RollingBack = false,
    string? RequestedBy = null,
    DateTimeOffset? RequestedAt = null,
    DateTimeOffset? FinishedAt = null,
    IReadOnlyList<RolloutBatchView>? Batches = null,
    IReadOnlyList<RolloutInstanceView>? Instances = null)
{
    public const string Completed = "Completed";

    public const string Recreate = "recreate";

    /// <summary>Whether the rollout has reached a status it never leaves.</summary>
    public bool IsFinished => Status is Completed or "Aborted" or "RolledBack" or "RollbackIncomplete" or "Failed";
}
