namespace Surge.Provisioner.Instances;

/// <summary>A command for one instance, decided by <see cref="InstanceDecider"/>.</summary>
public abstract record InstanceCommand(Guid InstanceId);

/// <summary>Requests a new instance of a service on a node, with the address Ipam assigned to it.</summary>
public sealed record RequestInstance(
    Guid InstanceId,
    Guid SagaId,
    string Service,
    string Node,
    string Address,
    string Image,
    int CpuMillicores,
    int MemoryMiB) : InstanceCommand(InstanceId);

/// <summary>Records that the provider started the instance and where it serves HTTP.</summary>
public sealed record CompleteStart(Guid InstanceId, string Endpoint) : InstanceCommand(InstanceId);

/// <summary>Records that the provider could not start the instance, and why.</summary>
public sealed record FailStart(Guid InstanceId, string Reason) : InstanceCommand(InstanceId);

/// <summary>Records that the instance was stopped, and why, for the saga <paramref name="SagaId"/>.</summary>
public sealed record StopInstance(Guid InstanceId, string Reason, Guid SagaId = default) : InstanceCommand(InstanceId);

/// <summary>Records that the instance went down with its node and no longer runs, and why.</summary>
public sealed record LoseInstance(Guid InstanceId, string Reason) : InstanceCommand(InstanceId);

/// <summary>Requests an in-place update of the instance to <paramref name="Image"/> for the saga <paramref name="SagaId"/>.</summary>
public sealed record RequestUpdate(Guid InstanceId, Guid SagaId, string Image) : InstanceCommand(InstanceId);

/// <summary>Records that the provider restarted the instance with <paramref name="Image"/> and that it serves HTTP at <paramref name="Endpoint"/>.</summary>
public sealed record CompleteUpdate(Guid InstanceId, string Image, string Endpoint) : InstanceCommand(InstanceId);

/// <summary>Records that the provider could not update the instance to <paramref name="Image"/>, and why.</summary>
public sealed record FailUpdate(Guid InstanceId, string Image, string Reason) : InstanceCommand(InstanceId);
