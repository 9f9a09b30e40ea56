namespace Surge.Rollout.Saga;

/// <summary>Where a rollout is as a whole.</summary>
public enum RolloutStatus
{
    /// <summary>Updating the service to the new image, batch by batch.</summary>
    Running,

    /// <summary>Stopped between batches by an operator; resume continues with the next batch.</summary>
    Paused,

    /// <summary>An operator aborted; waiting for the current batch's weights to be restored.</summary>
    Aborting,

    /// <summary>Updating the changed instances back to their previous image, batch by batch.</summary>
    RollingBack,

    /// <summary>Finished: every instance was updated, apart from failures below the threshold.</summary>
    Completed,

    /// <summary>Finished: an operator aborted; instances keep whatever image they reached.</summary>
    Aborted,

    /// <summary>Finished: every changed instance runs its previous image again.</summary>
    RolledBack,

    /// <summary>Finished: the rollback ran, but some instances could not be put back.</summary>
    RollbackIncomplete,

    /// <summary>Finished without changing anything, for example because the service has no running instances.</summary>
    Failed,
}
