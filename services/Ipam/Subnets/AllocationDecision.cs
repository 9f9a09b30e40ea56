namespace Surge.Ipam.Subnets;

/// <summary>The outcome of <see cref="AllocateAddress"/> on one subnet.</summary>
/// <param name="Address">The address allocated to the instance after the events, or null when the subnet has no free address.</param>
/// <param name="Events">The events to append: one <see cref="AddressAllocated"/>, or none when the instance already had an address or the subnet is full.</param>
public sealed record AllocationDecision(string? Address, IReadOnlyList<object> Events)
{
    /// <summary>The decision for a subnet whose usable addresses are all allocated.</summary>
    public static AllocationDecision Full { get; } = new(null, []);
}
