using JasperFx;
using JasperFx.Events;
using Marten.Events.Aggregation;
using Surge.Provisioner.Instances;

namespace Surge.Provisioner.Querying;

/// <summary>An instance as the HTTP API and the restart recovery read it, rebuilt from the instance's events.</summary>
public sealed record InstanceView
{
    /// <summary>The key of the instance's event stream, <c>instance/{instanceId}</c>, which the audit API takes.</summary>
    [Identity]
    public string Stream { get; init; } = "";

    /// <summary>The instance's id.</summary>
    public Guid InstanceId { get; init; }

    /// <summary>The saga that requested the instance.</summary>
    public Guid SagaId { get; init; }

    /// <summary>The correlation id of the request that created the instance. Later work on the instance carries it too.</summary>
    public string CorrelationId { get; init; } = "";

    /// <summary>The service the instance runs.</summary>
    public string Service { get; init; } = "";

    /// <summary>The node the instance was placed on.</summary>
    public string Node { get; init; } = "";

    /// <summary>The IP address Ipam assigned to the instance.</summary>
    public string Address { get; init; } = "";

    /// <summary>The image the instance runs: the one it was requested with, then the one of its last completed update.</summary>
    public string Image { get; init; } = "";

    /// <summary>The image an in-place update in progress installs, or null when no update is in progress.</summary>
    public string? UpdatingTo { get; init; }

    /// <summary>The saga that requested the update in progress, or null when no update is in progress.</summary>
    public Guid? UpdateSagaId { get; init; }

    /// <summary>The correlation id of the request for the update in progress, which its outcome carries too.</summary>
    public string? UpdateCorrelationId { get; init; }

    /// <summary>Why the last in-place update failed, or null when none failed since the last completed one.</summary>
    public string? UpdateFailureReason { get; init; }

    /// <summary>The CPU the instance requested, in millicores.</summary>
    public int CpuMillicores { get; init; }

    /// <summary>The memory the instance requested, in MiB.</summary>
    public int MemoryMiB { get; init; }

    /// <summary>Where the instance is in its life.</summary>
    public InstanceStatus Status { get; init; }

    /// <summary>The URL the instance serves HTTP at, once it started.</summary>
    public string? Endpoint { get; init; }

    /// <summary>Why the instance could not start, if it failed.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Why the instance was stopped, if it was.</summary>
    public string? StopReason { get; init; }

    /// <summary>Why the instance was lost, if it went down with its node.</summary>
    public string? LossReason { get; init; }

    /// <summary>When the instance was requested.</summary>
    public DateTimeOffset RequestedAt { get; init; }

    /// <summary>When the instance started, if it did.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the start failed, if it did.</summary>
    public DateTimeOffset? FailedAt { get; init; }

    /// <summary>When the instance was stopped, if it was.</summary>
    public DateTimeOffset? StoppedAt { get; init; }

    /// <summary>When the instance was recorded as lost, if it was.</summary>
    public DateTimeOffset? LostAt { get; init; }

    /// <summary>When the last in-place update completed, if one did.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }
}

/// <summary>Keeps <see cref="InstanceView"/> up to date in the transaction that appends the instance's events.</summary>
public sealed class InstanceViewProjection : SingleStreamProjection<InstanceView, string>
{
    /// <inheritdoc />
    public override InstanceView? Evolve(InstanceView? snapshot, string id, IEvent e) => e.Data switch
    {
        InstanceRequested requested => new InstanceView
        {
            Stream = id,
            InstanceId = requested.InstanceId,
            SagaId = requested.SagaId,
            CorrelationId = e.CorrelationId ?? "",
            Service = requested.Service,
            Node = requested.Node,
            Address = requested.Address,
            Image = requested.Image,
            CpuMillicores = requested.CpuMillicores,
            MemoryMiB = requested.MemoryMiB,
            Status = InstanceStatus.Requested,
            RequestedAt = requested.RequestedAt,
        },
        InstanceStarted started when snapshot is not null => snapshot with
        {
            Status = InstanceStatus.Started,
            Endpoint = started.Endpoint,
            StartedAt = started.StartedAt,
        },
        InstanceStartFailed failed when snapshot is not null => snapshot with
        {
            Status = InstanceStatus.StartFailed,
            FailureReason = failed.Reason,
            FailedAt = failed.FailedAt,
        },
        InstanceStopped stopped when snapshot is not null => snapshot with
        {
            Status = InstanceStatus.Stopped,
            StopReason = stopped.Reason,
            StoppedAt = stopped.StoppedAt,
        },
        InstanceLost lost when snapshot is not null => snapshot with
        {
            Status = InstanceStatus.Lost,
            LossReason = lost.Reason,
            LostAt = lost.LostAt,
        },
        InstanceUpdateRequested requested when snapshot is not null => snapshot with
        {
            UpdatingTo = requested.Image,
            UpdateSagaId = requested.SagaId,
            UpdateCorrelationId = e.CorrelationId,
        },
        InstanceUpdated updated when snapshot is not null => snapshot with
        {
            Image = updated.Image,
            Endpoint = updated.Endpoint,
            UpdatingTo = null,
            UpdateSagaId = null,
            UpdateCorrelationId = null,
            UpdateFailureReason = null,
            UpdatedAt = updated.UpdatedAt,
        },
        InstanceUpdateFailed failed when snapshot is not null => snapshot with
        {
            UpdatingTo = null,
            UpdateSagaId = null,
            UpdateCorrelationId = null,
            UpdateFailureReason = failed.Reason,
        },
        _ => snapshot,
    };
}
