using Surge.Contracts.Addresses;

namespace Surge.Ipam.Allocation;

/// <summary>The outcome of one <see cref="AllocateAddresses"/> request: every assignment, or the reason none is made.</summary>
/// <param name="Assignments">One assignment per request, in request order; empty when rejected.</param>
/// <param name="Rejection">Why no address was allocated, or null when every request got one.</param>
public sealed record AllocationOutcome(IReadOnlyList<AddressAssignment> Assignments, string? Rejection)
{
    /// <summary>Creates the outcome of a request that cannot be served in full.</summary>
    public static AllocationOutcome Rejected(string reason) => new([], reason);
}
