namespace Surge.Capacity.Scheduling;

/// <summary>Resources the model holds on a node for one instance.</summary>
/// <param name="Borrowed">Whether the instance's service belongs to another pool, so the reservation counts against the lending limit.</param>
/// <param name="Subnet">The subnet the model charges the instance's address to; null when no subnet serves the node.</param>
/// <param name="ExpiresAt">When an uncommitted reservation is released if its saga has not committed or released it; null once committed.</param>
public sealed record ModelReservation(
    Guid InstanceId,
    Guid SagaId,
    string Service,
    ResourceAmounts Amounts,
    bool Committed,
    bool Borrowed,
    string? Subnet,
    DateTimeOffset? ExpiresAt,
    Guid? ReleasingSagaId = null);
