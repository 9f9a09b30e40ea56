namespace Surge.Capacity.Addresses;

/// <summary>Capacity recorded Ipam's report of a subnet: what it serves, how many addresses it has and how many are taken.</summary>
/// <param name="IpamVersion">The subnet's version in Ipam; older reports are not recorded.</param>
/// <param name="ReportedAt">When Ipam made the report; null in events recorded before it was kept.</param>
public sealed record SubnetAddressesRecorded(
    string Subnet,
    IReadOnlyList<string> Pools,
    IReadOnlyList<string> Nodes,
    long UsableAddresses,
    long TakenAddresses,
    long IpamVersion,
    DateTimeOffset At,
    DateTimeOffset? ReportedAt = null)
{
    /// <summary>
    /// Returns whether <paramref name="report"/> tells more than this record: a newer version, or the same version
    /// made later with other counts. The same version can change its taken count when a quarantine ends, which moves
    /// no stream in Ipam.
    /// </summary>
    public bool IsSupersededBy(Contracts.Addresses.SubnetAddressesReported report) =>
        report.Version > IpamVersion
        || (report.Version == IpamVersion
            && report.At > (ReportedAt ?? DateTimeOffset.MinValue)
            && (report.TakenAddresses != TakenAddresses || report.UsableAddresses != UsableAddresses || !report.Pools.SequenceEqual(Pools) || !report.Nodes.SequenceEqual(Nodes)));

    /// <summary>The stream key of a subnet's reports in Capacity.</summary>
    public static string StreamKey(string subnet) => $"subnet/{subnet}";
}
