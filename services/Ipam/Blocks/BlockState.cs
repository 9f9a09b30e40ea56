using Surge.Ipam.Addressing;

namespace Surge.Ipam.Blocks;

/// <summary>
/// The addresses of one node block: which are allocated and which are in quarantine. Each block has its own stream, so
/// a block has one writer at a time and two allocations from it can never pick the same address.
/// </summary>
/// <param name="Id">The key of the block's stream, see <see cref="StreamKey"/>.</param>
/// <param name="Node">The node the block was claimed for.</param>
/// <param name="LastReleases">The last release of each address of the block that recorded its time.</param>
public sealed record BlockState(
    string Id,
    string Subnet,
    string Cidr,
    string Node,
    IReadOnlyList<LiveAllocation> Allocations,
    IReadOnlyList<QuarantinedAddress> Quarantined,
    IReadOnlyList<AddressRelease>? LastReleases = null)
{
    /// <summary>Returns whether the address was released after <paramref name="at"/>, so a report taken at that time still shows its old holder.</summary>
    public bool ReleasedAfter(string address, DateTimeOffset at) =>
        (LastReleases ?? []).Any(release => release.Address == address && release.At > at);

    /// <summary>Returns the stream key of a block: <c>block/{subnet}/{cidr}</c>.</summary>
    public static string StreamKey(string subnet, string cidr) => $"block/{subnet}/{cidr}";

    /// <summary>The block's range for address arithmetic.</summary>
    public AddressBlock ToBlock() => AddressBlock.Parse(Cidr);

    /// <summary>How many addresses are in quarantine at <paramref name="now"/>.</summary>
    public int QuarantinedAt(DateTimeOffset now) => Quarantined.Count(entry => entry.HoldsAt(now));

    /// <summary>Returns the instance's allocation in this block, or null.</summary>
    public LiveAllocation? FindAllocation(Guid instanceId) =>
        Allocations.FirstOrDefault(allocation => allocation.InstanceId == instanceId);

    /// <summary>Returns the allocation of the address in this block, or null.</summary>
    public LiveAllocation? FindAddress(string address) =>
        Allocations.FirstOrDefault(allocation => allocation.Address == address);
}
