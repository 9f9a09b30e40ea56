namespace Surge.Rollout.Saga;

/// <summary>A rollout was requested: the first event of every rollout; the provisioner must list the instances by <paramref name="Deadline"/>.</summary>
public sealed record RolloutRequested(Guid SagaId, string Service, string Image, RolloutSpec Spec, string? RequestedBy, DateTimeOffset At, DateTimeOffset Deadline);

/// <summary>The running instances, in the order the rollout updates them, and the batch size that follows from their number.</summary>
public sealed record InstancesDescribed(IReadOnlyList<DescribedInstance> Instances, int BatchSize, DateTimeOffset At);

/// <summary>The rollout ended without changing anything.</summary>
public sealed record RolloutFailed(string Reason, DateTimeOffset At);

/// <summary>A batch started. <paramref name="RollingBack"/> is true when it puts instances back on their previous image.</summary>
public sealed record BatchStarted(int Number, IReadOnlyList<Guid> InstanceIds, bool RollingBack, DateTimeOffset At);

/// <summary>The rollout requested the load balancer to give the batch weight 0 and to reply once its requests in flight finished.</summary>
public sealed record BatchDrainRequested(int Number, IReadOnlyList<Guid> InstanceIds, TimeSpan DrainTimeout, DateTimeOffset At, DateTimeOffset Deadline);

/// <summary>The load balancer sends an instance no new requests and none is in flight.</summary>
public sealed record InstanceDrained(Guid InstanceId, DateTimeOffset At);

/// <summary>The rollout requested the provisioner to update an instance in place to <paramref name="Image"/>.</summary>
public sealed record InstanceUpdateRequested(Guid InstanceId, string Image, DateTimeOffset At, DateTimeOffset Deadline);

/// <summary>An instance runs <paramref name="Image"/> and is ready again.</summary>
public sealed record InstanceUpdateConfirmed(Guid InstanceId, string Image, string Endpoint, DateTimeOffset At);

/// <summary>The provisioner could not update an instance.</summary>
public sealed record InstanceUpdateFailed(Guid InstanceId, string Image, string Reason, DateTimeOffset At);

/// <summary>An instance did not report its update before the batch's deadline.</summary>
public sealed record InstanceUpdateTimedOut(Guid InstanceId, DateTimeOffset Deadline, DateTimeOffset At);

/// <summary>The rollout requested its prober to send a GET for <paramref name="Path"/> to each updated instance of the batch.</summary>
public sealed record BatchHealthCheckRequested(int Number, IReadOnlyList<Guid> InstanceIds, string Path, DateTimeOffset At, DateTimeOffset Deadline);

/// <summary>An updated instance returned a 2xx status to its HTTP check.</summary>
public sealed record InstanceHealthCheckPassed(Guid InstanceId, DateTimeOffset At);

/// <summary>An updated instance failed its HTTP check, or the check timed out.</summary>
public sealed record InstanceHealthCheckFailed(Guid InstanceId, string Reason, DateTimeOffset At);

/// <summary>The rollout requested the load balancer to give the drained instances of the batch <paramref name="Weight"/> again.</summary>
public sealed record BatchRestoreRequested(int Number, IReadOnlyList<Guid> InstanceIds, int Weight, DateTimeOffset At, DateTimeOffset Deadline);

/// <summary>The load balancer sends an instance requests again.</summary>
public sealed record InstanceRestored(Guid InstanceId, DateTimeOffset At);

/// <summary>The rollout requested the load balancer to count requests and failures to the batch during <paramref name="Window"/>.</summary>
public sealed record BatchErrorMeasurementRequested(int Number, IReadOnlyList<Guid> InstanceIds, TimeSpan Window, DateTimeOffset At, DateTimeOffset Deadline);

/// <summary>Every updated instance of the batch passed the health gate.</summary>
public sealed record BatchPassedHealthGate(int Number, long Requests, long FailedRequests, DateTimeOffset At);

/// <summary>The batch failed the health gate; <paramref name="InstanceIds"/> count as failed.</summary>
public sealed record BatchFailedHealthGate(int Number, IReadOnlyList<Guid> InstanceIds, string Reason, DateTimeOffset At);

/// <summary>The batch ended; the instances it updated keep their image.</summary>
public sealed record BatchCompleted(int Number, DateTimeOffset At);

/// <summary>A waiting step passed its deadline. The events after it record what the rollout did next.</summary>
public sealed record StepTimedOut(RolloutStep Step, DateTimeOffset Deadline, DateTimeOffset At);

/// <summary>A participant gave up on the command of a waiting step after its retries; the step ends as if its deadline passed.</summary>
public sealed record StepFaulted(RolloutStep Step, string Reason, DateTimeOffset At);

/// <summary>The rollout waits <paramref name="Until"/> before the next batch.</summary>
public sealed record PauseBetweenBatchesStarted(DateTimeOffset Until, DateTimeOffset At);

/// <summary>An operator requested a pause, so the rollout stops before its next batch.</summary>
public sealed record RolloutPauseRequested(string Reason, DateTimeOffset At);

/// <summary>The rollout stopped between batches.</summary>
public sealed record RolloutPaused(DateTimeOffset At);

/// <summary>An operator resumed the rollout, or withdrew a pause that had not taken effect yet.</summary>
public sealed record RolloutResumed(DateTimeOffset At);

/// <summary>An operator aborted; the current batch's drained instances get their weight back, nothing else changes.</summary>
public sealed record RolloutAbortRequested(string Reason, DateTimeOffset At);

/// <summary>The rollout stopped for good without rolling back.</summary>
public sealed record RolloutAborted(DateTimeOffset At);

/// <summary>
/// A rollback was requested, by an operator or because failures reached the threshold (<paramref name="Automatic"/>).
/// The current batch finishes its replies first.
/// </summary>
public sealed record RollbackRequested(string Reason, bool Automatic, DateTimeOffset At);

/// <summary>The instances the rollout changed, to be updated back to their previous image, in order.</summary>
public sealed record RollbackStarted(IReadOnlyList<Guid> InstanceIds, DateTimeOffset At);

/// <summary>Every instance was updated, apart from <paramref name="FailedCount"/> failures below the threshold.</summary>
public sealed record RolloutCompleted(int UpdatedCount, int FailedCount, DateTimeOffset At);

/// <summary>The rollback finished; <paramref name="FailedCount"/> instances could not be put back.</summary>
public sealed record RolledBack(int RestoredCount, int FailedCount, DateTimeOffset At);

/// <summary>One running instance as the provisioner described it when the rollout started.</summary>
public sealed record DescribedInstance(Guid InstanceId, string Node, string Address, string Image, string Endpoint);

/// <summary>
/// A recreate batch asked Capacity for a scale-out saga, <paramref name="ScaleOutSagaId"/>, that starts one instance of
/// <paramref name="Image"/> for each of <paramref name="InstanceIds"/>.
/// </summary>
public sealed record BatchReplacementRequested(int Number, Guid ScaleOutSagaId, IReadOnlyList<Guid> InstanceIds, string Image, DateTimeOffset At, DateTimeOffset Deadline);

/// <summary>The batch's new instances are ready and registered; each replaces the instance at the same position of the batch.</summary>
public sealed record ReplacementsStarted(int Number, IReadOnlyList<DescribedInstance> Instances, DateTimeOffset At);

/// <summary>The batch's scale-out did not start every new instance; it removed those it had started itself.</summary>
public sealed record ReplacementFailed(int Number, string Reason, DateTimeOffset At);

/// <summary>A recreate batch asked Capacity for a scale-in saga, <paramref name="ScaleInSagaId"/>, that removes <paramref name="InstanceIds"/>.</summary>
public sealed record BatchRemovalRequested(int Number, Guid ScaleInSagaId, IReadOnlyList<Guid> InstanceIds, DateTimeOffset At, DateTimeOffset Deadline);

/// <summary>The batch's scale-in ended; <paramref name="InstanceIds"/> were removed, and <paramref name="Reason"/> says why any others were not.</summary>
public sealed record InstancesRemoved(int Number, IReadOnlyList<Guid> InstanceIds, string? Reason, DateTimeOffset At);

/// <summary>
/// A scale-out the rollout had stopped waiting for reported new instances after all. A scale-in saga,
/// <paramref name="ScaleInSagaId"/>, removes them, so no instance runs that the rollout does not track.
/// </summary>
public sealed record LateReplacementsRemoved(Guid ScaleOutSagaId, Guid ScaleInSagaId, IReadOnlyList<Guid> InstanceIds, DateTimeOffset At);
