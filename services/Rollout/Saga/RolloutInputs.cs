namespace Surge.Rollout.Saga;

/// <summary>The deadline stored with the rollout has passed; sent by the deadline scanner.</summary>
public sealed record DeadlinePassed(DateTimeOffset Deadline);

/// <summary>An operator asks to stop before the next batch.</summary>
public sealed record PauseRollout(string Reason);

/// <summary>An operator asks a paused rollout to continue.</summary>
public sealed record ResumeRollout;

/// <summary>An operator asks to stop where the rollout is, without rolling back.</summary>
public sealed record AbortRollout(string Reason);

/// <summary>An operator asks to put every changed instance back on its previous image.</summary>
public sealed record RollBackRollout(string Reason);

/// <summary>A participant gave up on one of the rollout's commands after its retries, for the given step.</summary>
/// <param name="InstanceIds">The instances the command covered.</param>
/// <param name="Batch">The batch the command belonged to, when the command names it; null otherwise.</param>
public sealed record CommandFaulted(RolloutStep Step, string Reason, IReadOnlyList<Guid> InstanceIds, int? Batch = null);
