using System.Net;

namespace Surge.Benchmarks.Ipam;

/// <summary>How what the callers received compares with what the allocator stored, after all its allocations.</summary>
/// <param name="Returned">Allocations returned to callers, in the warm-up and the timed phase.</param>
/// <param name="Stored">Allocations the allocator's storage contains.</param>
/// <param name="DuplicatesReturned">Returned allocations whose address had already been returned for another instance.</param>
/// <param name="DuplicatesStored">Stored allocations whose address is stored for another instance too.</param>
/// <param name="ReturnedNotStored">Returned allocations the storage does not contain for that instance.</param>
/// <param name="StoredNotReturned">Stored allocations no caller received, such as a second address for one instance.</param>
/// <param name="OutsideSubnet">Returned addresses that are not usable addresses of the plan's subnet, or not addresses at all.</param>
public sealed record AllocationCheck(
    int Returned,
    int Stored,
    int DuplicatesReturned,
    int DuplicatesStored,
    int ReturnedNotStored,
    int StoredNotReturned,
    int OutsideSubnet)
{
    /// <summary>Whether every count of an error is 0.</summary>
    public bool Passed => DuplicatesReturned == 0 && DuplicatesStored == 0 && ReturnedNotStored == 0 && StoredNotReturned == 0 && OutsideSubnet == 0;

    /// <summary>Compares the allocations returned to callers with those read from the allocator's storage.</summary>
    public static AllocationCheck Compare(
        BenchmarkSubnetPlan plan,
        IReadOnlyCollection<(Guid InstanceId, string Address)> returned,
        IReadOnlyCollection<(Guid InstanceId, string Address)> stored)
    {
        var returnedSet = returned.Select(Normalize).ToHashSet();
        var storedSet = stored.Select(Normalize).ToHashSet();
        return new AllocationCheck(
            Returned: returned.Count,
            Stored: stored.Count,
            DuplicatesReturned: CountDuplicateAddresses(returned),
            DuplicatesStored: CountDuplicateAddresses(stored),
            ReturnedNotStored: returnedSet.Count(pair => !storedSet.Contains(pair)),
            StoredNotReturned: storedSet.Count(pair => !returnedSet.Contains(pair)),
            OutsideSubnet: returned.Count(pair => !IPAddress.TryParse(pair.Address, out var address) || !plan.IsUsable(address)));
    }

    // Each address held by n instances counts n - 1 times.
    private static int CountDuplicateAddresses(IEnumerable<(Guid InstanceId, string Address)> allocations) =>
        allocations.Select(Normalize).GroupBy(pair => pair.Address).Sum(group => group.Count() - 1);

    // Compares addresses as parsed, so the same address in another text form is still the same address.
    private static (Guid InstanceId, string Address) Normalize((Guid InstanceId, string Address) pair) =>
        IPAddress.TryParse(pair.Address, out var address) ? (pair.InstanceId, address.ToString()) : pair;
}
