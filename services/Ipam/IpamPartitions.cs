namespace Surge.Ipam;

/// <summary>Partition keys that serialize Ipam's writes inside one process.</summary>
public static class IpamPartitions
{
    /// <summary>
    /// The one key for every subnet change, allocation and release. Overlap checks and the all-or-nothing allocation
    /// read several subnets at once, so in one process these writes go one at a time. Between processes,
    /// <see cref="Allocation.AddressSpaceLock"/> makes them take turns, and Marten's optimistic concurrency on each
    /// subnet stream still rejects a writer that missed a change.
    /// </summary>
    public const string AddressSpace = "ipam/address-space";
}
