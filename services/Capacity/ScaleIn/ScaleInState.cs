namespace Surge.Capacity.ScaleIn;

/// <summary>A scale-in saga folded from its events: what its decisions need and what its API shows.</summary>
/// <param name="Deadline">When the step the saga waits for must have replied; null once finished.</param>
/// <param name="Failures">The steps that failed, in order; a saga with any ends as failed.</param>
/// <param name="CorrelationId">The correlation id of the request that started the saga; work the saga starts itself, such as a timeout, carries it.</param>
public sealed record ScaleInState(
    string Id,
    Guid SagaId,
    string Service,
    string Pool,
    int RequestedCount,
    TimeSpan DrainTimeout,
    string? RequestedBy,
    ScaleInStatus Status,
    IReadOnlyList<ScaleInVictim> Victims,
    DateTimeOffset RequestedAt,
    DateTimeOffset? FinishedAt = null,
    IReadOnlyList<ScaleInStepFailed>? Failures = null,
    DateTimeOffset? Deadline = null,
    string? CorrelationId = null,
    Guid? RequesterSagaId = null)
{
    /// <summary>The stream key of a scale-in saga.</summary>
    public static string StreamKey(Guid sagaId) => $"scale-in/{sagaId}";

    /// <summary>Whether the saga has finished, one way or another.</summary>
    public bool IsFinished => Status is ScaleInStatus.Completed or ScaleInStatus.Failed;

    /// <summary>The failed steps so far; empty when none failed.</summary>
    public IReadOnlyList<ScaleInStepFailed> FailedSteps => Failures ?? [];

    /// <summary>The ids of the victims, in the order they were chosen.</summary>
    public IReadOnlyList<Guid> VictimIds => [.. Victims.Select(victim => victim.InstanceId)];
}
