using JasperFx.Events;
using Surge.Contracts.Addresses;

namespace Surge.Ipam.Subnets;

/// <summary>Builds the <see cref="SubnetAddressesReported"/> messages that tell Capacity how many addresses each subnet has left.</summary>
public static class SubnetAddressReports
{
    /// <summary>
    /// Creates the report of the subnet's state at stream version <paramref name="version"/>. Taken addresses are the
    /// live allocations and the addresses in quarantine at <paramref name="at"/>; the gateway is already left out of
    /// the usable count. Counts above <see cref="long.MaxValue"/>, which only IPv6 subnets of /64 or wider reach, are
    /// clamped to it.
    /// </summary>
    public static SubnetAddressesReported Of(Subnet subnet, long version, DateTimeOffset at) => new(
        subnet.Name,
        subnet.Pools,
        subnet.Nodes,
        Clamp(subnet.CountUsableAddresses()),
        subnet.Allocations.Count + subnet.QuarantinedAt(at),
        version,
        at);

    /// <summary>
    /// Creates one report for each stream with events appended and not yet saved, describing the subnet after those
    /// events at the version the stream will have once they are saved. Streams without new events give no report.
    /// </summary>
    public static IReadOnlyList<SubnetAddressesReported> ForChangedStreams(IEnumerable<IEventStream<Subnet>> streams, DateTimeOffset at)
    {
        var reports = new List<SubnetAddressesReported>();
        foreach (var stream in streams)
        {
            if (stream.Events.Count == 0)
            {
                continue;
            }

            // The fetched aggregate stays as it was loaded, so the pending events are folded onto it here.
            var after = stream.Events.Select(pending => pending.Data).Aggregate(stream.Aggregate, SubnetDecider.Evolve)
                ?? throw new InvalidOperationException($"Stream '{stream.Key}' has new events but no subnet state after them. Its first event must be {nameof(SubnetDefined)}.");

            // The same sum Marten's CurrentVersion returns, computed here because stub streams in tests leave that null.
            var version = (stream.StartingVersion ?? 0) + stream.Events.Count;
            reports.Add(Of(after, version, at));
        }

        return reports;
    }

    private static long Clamp(UInt128 count) => count > long.MaxValue ? long.MaxValue : (long)count;
}
