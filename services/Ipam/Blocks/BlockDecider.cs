using System.Net;
using System.Net.Sockets;
using System.Numerics;
using Surge.Ipam.Addressing;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Blocks;

/// <summary>The node block as a decider: <c>Evolve</c> folds its events into state, the other methods decide.</summary>
public static class BlockDecider
{
    /// <summary>
    /// Returns the state after the event; events before <see cref="BlockOpened"/> leave the state null, and
    /// <see cref="BlockClosed"/> ends it.
    /// </summary>
    public static BlockState? Evolve(BlockState? state, object @event) => (state, @event) switch
    {
        (_, BlockClosed) => null,
        (_, BlockOpened opened) => new BlockState(BlockState.Key(opened.Subnet, opened.Cidr), opened.Subnet, opened.Cidr, opened.Node, [], []),
        (not null, AddressAllocated allocated) => Hold(state, new LiveAllocation(allocated.Address, allocated.InstanceId, allocated.SagaId, allocated.Node, allocated.AllocatedAt)),
        (not null, AddressReclaimed reclaimed) => Hold(state, new LiveAllocation(reclaimed.Address, reclaimed.InstanceId, Guid.Empty, reclaimed.Node, reclaimed.At)),
        (not null, AddressReleased released) => state with
        {
            Allocations = [.. state.Allocations.Where(allocation => allocation.Address != released.Address)],
            Quarantined = released.QuarantinedUntil is { } until
                ? [.. state.Quarantined.Where(entry => entry.Address != released.Address), new QuarantinedAddress(released.Address, released.InstanceId, until)]
                : state.Quarantined,
            LastReleases = released.At is { } at
                ? [.. (state.LastReleases ?? []).Where(entry => entry.Address != released.Address), new AddressRelease(released.Address, released.InstanceId, at)]
                : state.LastReleases,
        },
        (not null, AllocatedInstanceMissing missing) => Mark(state, missing.Address, missing.Since),
        (not null, AllocatedInstanceSeenAgain seen) => Mark(state, seen.Address, null),
        _ => state,
    };

    /// <summary>Returns the state after all the events, starting from none.</summary>
    public static BlockState? Fold(IEnumerable<object> events) => events.Aggregate((BlockState?)null, Evolve);

    /// <summary>
    /// Counts the addresses of the block an instance could get at <paramref name="now"/>: usable in the subnet, not the
    /// gateway, not allocated and not in quarantine.
    /// </summary>
    public static int CountFree(BlockState state, Subnet subnet, DateTimeOffset now)
    {
        // The refill counts the free addresses of every node's blocks, so the range is read from the text as an allocation reads it.
        var (first, last, family) = state.Bounds();
        return (int)subnet.CountUsable(first, last, family) - state.Allocations.Count - state.QuarantinedAt(now);
    }

    /// <summary>
    /// Gives the instance the lowest free address of the block, or returns null when the block has none. The network,
    /// broadcast and gateway addresses of the subnet are never given out, nor an address whose quarantine runs at
    /// <paramref name="now"/>, so a cache that still maps it to its last holder cannot send that traffic to a new one.
    /// </summary>
    public static AddressAllocated? Allocate(BlockState state, Subnet subnet, Guid instanceId, Guid sagaId, string node, DateTimeOffset now)
    {
        var range = state.Bounds();
        var network = subnet.ToBlock();
        var first = UInt128.Max(range.First, network.FirstUsable);
        var last = UInt128.Min(range.Last, network.LastUsable);
        if (first <= last && last - first < 64)
        {
            return LowestFreeInSmallBlock(state, subnet, range.Family, first, last, now) is { } address
                ? new AddressAllocated(AddressBlock.Format(address, range.Family), instanceId, sagaId, node, now)
                : null;
        }

        var inUse = state.Allocations.Select(allocation => IPAddress.Parse(allocation.Address))
            .Concat(state.Quarantined.Where(entry => entry.HoldsAt(now)).Select(entry => IPAddress.Parse(entry.Address)));
        inUse = inUse.Concat(subnet.Gateways());

        var free = AddressBlock.LowestFree(first, last, range.Family, inUse);
        return free is null ? null : new AddressAllocated(free.ToString(), instanceId, sagaId, node, now);
    }

    /// <summary>
    /// Returns whether every address the block may give out in <paramref name="subnet"/> is allocated, so no quarantine
    /// can end to free one. The subnet's network and broadcast addresses do not count, as they change only with its
    /// CIDR, which no change of a block with allocations can alter. A gateway does count: a subnet change may move it
    /// with no ledger entry, so a block holding one is never allocated in full. Such a block gains room only through a
    /// change that <see cref="AddressLedger.RoomChangesOf"/> counts.
    /// </summary>
    public static bool IsAllocatedInFull(BlockState state, Subnet subnet)
    {
        var range = state.Bounds();
        var network = subnet.ToBlock();
        var first = UInt128.Max(range.First, network.FirstUsable);
        var last = UInt128.Min(range.Last, network.LastUsable);
        return first <= last && (UInt128)state.Allocations.Count > last - first;
    }

    // A node block of up to 64 addresses, the usual size, is one bit per address, so the lowest free one needs no sort.
    private static UInt128? LowestFreeInSmallBlock(BlockState state, Subnet subnet, AddressFamily family, UInt128 first, UInt128 last, DateTimeOffset now)
    {
        var used = 0UL;
        void Mark(IPAddress address)
        {
            if (address.AddressFamily == family && AddressBlock.ToInteger(address) is var value && value >= first && value <= last)
            {
                used |= 1UL << (int)(value - first);
            }
        }

        // Allocations are stored in canonical form, so an IPv4 one is read without making an IPAddress.
        void MarkText(string text)
        {
            if (family == AddressFamily.InterNetwork && AddressBlock.TryReadCanonicalIPv4(text, out var value))
            {
                if (value >= first && value <= last)
                {
                    used |= 1UL << (int)(value - first);
                }
            }
            else
            {
                Mark(IPAddress.Parse(text));
            }
        }

        // Plain loops: a foreach over an interface allocates its enumerator, and this runs for every allocation.
        var allocations = state.Allocations;
        for (var i = 0; i < allocations.Count; i++)
        {
            MarkText(allocations[i].Address);
        }

        var quarantined = state.Quarantined;
        for (var i = 0; i < quarantined.Count; i++)
        {
            if (quarantined[i].HoldsAt(now))
            {
                MarkText(quarantined[i].Address);
            }
        }

        var gateways = subnet.Gateways();
        for (var i = 0; i < gateways.Count; i++)
        {
            Mark(gateways[i]);
        }

        var count = (int)(last - first) + 1;
        var free = count == 64 ? ~used : ~used & ((1UL << count) - 1);
        return free == 0 ? null : first + (UInt128)BitOperations.TrailingZeroCount(free);
    }

    /// <summary>Frees the instance's address into quarantine until <paramref name="quarantinedUntil"/>; an instance with no address here gives no event.</summary>
    public static AddressReleased? Release(BlockState state, Guid instanceId, string reason, DateTimeOffset? quarantinedUntil, DateTimeOffset? at = null) =>
        state.FindAllocation(instanceId) is { } allocation
            ? new AddressReleased(allocation.Address, instanceId, reason, quarantinedUntil, at)
            : null;

    // Every allocation folds through here, in the planner and in the ledger, so the lists are built by hand. The
    // allocations go into one array of the right size, and the quarantine list is kept when the address is not in it.
    private static BlockState Hold(BlockState state, LiveAllocation allocation)
    {
        var before = state.Allocations;
        var allocations = new LiveAllocation[before.Count + 1];
        for (var i = 0; i < before.Count; i++)
        {
            allocations[i] = before[i];
        }

        allocations[^1] = allocation;
        return state with { Allocations = allocations, Quarantined = WithoutAddress(state.Quarantined, allocation.Address) };
    }

    private static IReadOnlyList<QuarantinedAddress> WithoutAddress(IReadOnlyList<QuarantinedAddress> quarantined, string address)
    {
        for (var i = 0; i < quarantined.Count; i++)
        {
            if (quarantined[i].Address == address)
            {
                return [.. quarantined.Where(entry => entry.Address != address)];
            }
        }

        return quarantined;
    }

    private static BlockState Mark(BlockState state, string address, DateTimeOffset? missingSince) => state with
    {
        Allocations = [.. state.Allocations.Select(allocation => allocation.Address == address ? allocation with { MissingSince = missingSince } : allocation)],
    };
}
