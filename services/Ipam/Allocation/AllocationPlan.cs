using Surge.Contracts.Addresses;

namespace Surge.Ipam.Allocation;

/// <summary>The outcome of one <see cref="AllocateAddresses"/> request over all subnets: every assignment, or the reason none is made.</summary>
/// <param name="Assignments">One assignment per request, in request order; empty when rejected.</param>
/// <param name="EventsBySubnet">The events to append, keyed by subnet name; empty when rejected.</param>
/// <param name="Rejection">Why no address was allocated, or null when every request got one.</param>
public sealed record AllocationPlan(
    IReadOnlyList<AddressAssignment> Assignments,
    IReadOnlyDictionary<string, IReadOnlyList<object>> EventsBySubnet,
    string? Rejection)
{
    /// <summary>Creates the plan for a request that cannot be served in full.</summary>
    public static AllocationPlan Rejected(string reason) => new([], new Dictionary<string, IReadOnlyList<object>>(), reason);
}
