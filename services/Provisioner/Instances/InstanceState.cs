namespace Surge.Provisioner.Instances;

/// <summary>What decisions about one instance need: its status, its image, and what its replies to the saga carry.</summary>
public sealed record InstanceState(
    InstanceStatus Status,
    Guid InstanceId,
    Guid SagaId,
    string? Endpoint,
    string? FailureReason,
    string? StopReason,
    string? LossReason)
{
    /// <summary>The state of an instance with no events.</summary>
    public static readonly InstanceState Initial = new(InstanceStatus.None, Guid.Empty, Guid.Empty, null, null, null, null);

    /// <summary>
    /// The image the instance runs: the one it was requested with, then the one of its last completed update. Empty for
    /// a stream without a request.
    /// </summary>
    public string Image { get; init; } = "";

    /// <summary>The in-place update in progress, or null when none is.</summary>
    public PendingUpdate? Update { get; init; }

    /// <summary>The key of the instance's stream, which Marten requires of an aggregate. Decisions do not use it.</summary>
    public string Id { get; init; } = "";
}
