namespace Surge.Rollout.Saga;

/// <summary>Where one instance is in a rollout.</summary>
public enum InstancePhase
{
    /// <summary>Not touched yet.</summary>
    Waiting,

    /// <summary>Its batch is being drained.</summary>
    Draining,

    /// <summary>The provisioner received the request to update it.</summary>
    Updating,

    /// <summary>It runs the image its batch installed and is ready.</summary>
    Updated,

    /// <summary>Its update failed or timed out, or it failed the health gate.</summary>
    Failed,

    /// <summary>Changed by the rollout and waiting for its rollback batch.</summary>
    AwaitingRollback,

    /// <summary>Runs its previous image again.</summary>
    RolledBack,

    /// <summary>Could not be put back on its previous image.</summary>
    RollbackFailed,

    /// <summary>Removed after a new instance replaced it, in a recreate batch.</summary>
    Replaced,
}
