namespace Surge.Provisioner.Instances;

/// <summary>What decisions about one instance need: its status and what its replies to the saga carry.</summary>
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

    /// <summary>The key of the instance's stream, which Marten requires of an aggregate. Decisions do not use it.</summary>
    public string Id { get; init; } = "";
}
