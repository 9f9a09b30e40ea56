namespace Surge.Capacity.Scheduling;

public sealed partial class CapacityModel
{
    /// <summary>Uncommitted reservations whose expiry is at or before <paramref name="now"/>, by node and instance.</summary>
    public IReadOnlyList<(string Node, Guid InstanceId)> ExpiredReservations(DateTimeOffset now) =>
    [
        .. Nodes.Values
            .OrderBy(node => node.Name, StringComparer.Ordinal)
            .SelectMany(node => node.Reservations.Values
                .Where(reservation => !reservation.Committed && reservation.ExpiresAt is { } at && at <= now)
                .OrderBy(reservation => reservation.InstanceId)
                .Select(reservation => (node.Name, reservation.InstanceId))),
    ];

    /// <summary>Overflow nodes not yet being released that have held no reservation for at least <paramref name="idleFor"/>.</summary>
    public IReadOnlyList<(string Node, string Provider)> IdleOverflowNodes(DateTimeOffset now, TimeSpan idleFor) =>
    [
        .. Nodes.Values
            .Where(node => node.IsOverflow && !node.Releasing && node.EmptySince is { } since && now - since >= idleFor)
            .OrderBy(node => node.Name, StringComparer.Ordinal)
            .Select(node => (node.Name, node.Spec.Provider!)),
    ];
}
