namespace Surge.Provisioner.Instances;

/// <summary>An instance was requested: the first event of its stream, with everything needed to start it.</summary>
public sealed record InstanceRequested(
    Guid InstanceId,
    Guid SagaId,
    string Service,
    string Node,
    string Address,
    string Image,
    int CpuMillicores,
    int MemoryMiB,
    DateTimeOffset RequestedAt);

/// <summary>An instance is running and serves HTTP at <paramref name="Endpoint"/>.</summary>
public sealed record InstanceStarted(Guid InstanceId, string Endpoint, DateTimeOffset StartedAt);

/// <summary>An instance could not be started. It is not tried again.</summary>
public sealed record InstanceStartFailed(Guid InstanceId, string Reason, DateTimeOffset FailedAt);

/// <summary>An instance was stopped and removed. Its stream ends here.</summary>
public sealed record InstanceStopped(Guid InstanceId, string Reason, DateTimeOffset StoppedAt);

/// <summary>
/// A saga stopped an instance whose start request had not arrived yet, for example because the request waited in the
/// broker through an outage while the saga gave up. The stream starts and ends here, so the request, when it comes,
/// starts nothing.
/// </summary>
public sealed record InstanceStoppedBeforeRequest(Guid InstanceId, Guid SagaId, string Reason, DateTimeOffset StoppedAt);

/// <summary>
/// An instance went down with its node, for example in a node outage it did not survive, and no longer runs. Its stream
/// ends here.
/// </summary>
public sealed record InstanceLost(Guid InstanceId, string Reason, DateTimeOffset LostAt);

/// <summary>
/// A saga asked to update a running instance in place to <paramref name="Image"/>: same node, same address, restarted
/// with the new image. The instance keeps serving its current image until the provider restarts it.
/// </summary>
public sealed record InstanceUpdateRequested(Guid InstanceId, Guid SagaId, string Image, DateTimeOffset RequestedAt);

/// <summary>An instance runs <paramref name="Image"/> after an in-place update and serves HTTP at <paramref name="Endpoint"/> again.</summary>
public sealed record InstanceUpdated(Guid InstanceId, Guid SagaId, string Image, string Endpoint, DateTimeOffset UpdatedAt);

/// <summary>An in-place update to <paramref name="Image"/> failed. The instance keeps running the image it ran before.</summary>
public sealed record InstanceUpdateFailed(Guid InstanceId, Guid SagaId, string Image, string Reason, DateTimeOffset FailedAt);
