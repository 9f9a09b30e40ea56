namespace Surge.Capacity.ScaleOut;

/// <summary>One instance a saga is bringing up, filled in step by step.</summary>
public sealed record PlannedInstance(
    Guid InstanceId,
    string Node,
    string Pool,
    string? Subnet = null,
    string? Address = null,
    string? Endpoint = null,
    string? FailureReason = null)
{
    /// <summary>Whether the instance reported ready.</summary>
    public bool Ready => Endpoint is not null && FailureReason is null;

    /// <summary>Whether the instance is still expected to report: neither ready nor failed.</summary>
    public bool Pending => Endpoint is null && FailureReason is null;
}
