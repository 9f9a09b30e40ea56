namespace Surge.Ipam.Subnets;

/// <summary>
/// The empty blocks one warm-set refill gave back, in the order it released them; one event for the same reason as
/// <see cref="AddressBlocksClaimed"/>.
/// </summary>
public sealed record AddressBlocksReleased(IReadOnlyList<AddressBlockReleased> Releases);
