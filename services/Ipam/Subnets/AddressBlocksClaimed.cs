namespace Surge.Ipam.Subnets;

/// <summary>
/// The blocks one warm-set refill set aside, in the order it claimed them. A refill under a burst claims a thousand
/// blocks or more. As one event they cost one row and one pass over the subnet's block list. As separate events they
/// cost a row and a pass each, all of it while allocations wait for the address-space lock.
/// </summary>
public sealed record AddressBlocksClaimed(IReadOnlyList<AddressBlockClaimed> Claims);
