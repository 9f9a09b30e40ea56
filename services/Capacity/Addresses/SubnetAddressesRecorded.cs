namespace Surge.Capacity.Addresses;

/// <summary>Capacity recorded Ipam's report of a subnet: what it serves, how many addresses it has and how many are taken.</summary>
/// <param name="IpamVersion">The subnet's version in Ipam; older reports are not recorded.</param>
public sealed record SubnetAddressesRecorded(
    string Subnet,
    IReadOnlyList<string> Pools,
    IReadOnlyList<string> Nodes,
    long UsableAddresses,
    long TakenAddresses,
    long IpamVersion,
    DateTimeOffset At)
{
    /// <summary>The stream key of a subnet's reports in Capacity.</summary>
    public static string StreamKey(string subnet) => $"subnet/{subnet}";
}
