namespace Surge.Cli.Http;

/// <summary>One batch of a rollout: when it ran and its health gate's outcome (<c>passed</c>, a failure, or null).</summary>
/// <param name="ScaleOutSagaId">For recreate, the Capacity scale-out saga that started the batch's new instances.</param>
/// <param name="ScaleInSagaId">For recreate, the Capacity scale-in saga that removed the instances the batch replaced.</param>
internal sealed record RolloutBatchView(
    int Number,
    bool RollingBack,
    IReadOnlyList<string>? InstanceIds,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt,
    string? Outcome,
    string? ScaleOutSagaId = null,
    string? ScaleInSagaId = null);
