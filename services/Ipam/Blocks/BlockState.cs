using Surge.Ipam.Addressing;

namespace Surge.Ipam.Blocks;

/// <summary>
/// The addresses of one node block: which are allocated and which are in quarantine, folded from its changes in the
/// subnet's address ledger, see <see cref="AddressLedger"/>.
/// </summary>
/// <param name="Id">The block's key, see <see cref="Key"/>.</param>
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

    /// <summary>Returns the key of a block: <c>block/{subnet}/{cidr}</c>.</summary>
    public static string Key(string subnet, string cidr) => $"block/{subnet}/{cidr}";

    /// <summary>Splits a key made by <see cref="Key"/>. The cidr contains a '/' itself, so only the first two separators split.</summary>
    public static (string Subnet, string Cidr) SplitKey(string key)
    {
        var parts = key.Split('/', 3);
        return (parts[1], parts[2]);
    }

    /// <summary>The block's range for address arithmetic.</summary>
    public AddressBlock ToBlock() => Ranges.GetValue(Cidr, AddressBlock.Parse);

    /// <summary>
    /// Returns the first and last address of the block's range and its family. An IPv4 block is read from its CIDR
    /// text, because an allocation needs only these three and a shared table of parsed ranges costs more than reading them.
    /// </summary>
    public (UInt128 First, UInt128 Last, System.Net.Sockets.AddressFamily Family) Bounds()
    {
        if (AddressBlock.TryReadCanonicalIPv4Block(Cidr, out var first, out var last))
        {
            return (first, last, System.Net.Sockets.AddressFamily.InterNetwork);
        }

        var range = ToBlock();
        return (range.First, range.Last, range.Family);
    }

    // Every change of a block is a new state that shares the CIDR string of the last, so the range parsed for that
    // string serves all of them.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<string, AddressBlock> Ranges = new();

    /// <summary>
    /// Returns whether every address of the block's range is allocated or in quarantine at <paramref name="now"/>,
    /// judged from the counts and the prefix length alone, so a node's full blocks cost no address parsing when an
    /// allocation looks for room. False means only that the block needs a closer look.
    /// </summary>
    public bool IsFullAt(DateTimeOffset now)
    {
        var bits = Cidr.Contains(':', StringComparison.Ordinal) ? 128 : 32;
        var hostBits = bits - PrefixLength(Cidr.AsSpan(Cidr.IndexOf('/', StringComparison.Ordinal) + 1));
        return hostBits < 20 && Allocations.Count + QuarantinedAt(now) >= 1 << hostBits;
    }

    // The prefix of a stored block is a few digits, read here by hand because this runs for every block a planner
    // passes. Any other text goes to int.Parse, so it is read or rejected as before.
    private static int PrefixLength(ReadOnlySpan<char> text)
    {
        if (text.Length is > 0 and <= 3)
        {
            var value = 0;
            foreach (var digit in text)
            {
                if (digit is < '0' or > '9')
                {
                    return int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
                }

                value = (value * 10) + (digit - '0');
            }

            return value;
        }

        return int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>How many addresses are in quarantine at <paramref name="now"/>.</summary>
    public int QuarantinedAt(DateTimeOffset now)
    {
        // A plain loop: a planner calls this for every block it passes, and a lambda would allocate each time.
        var count = 0;
        for (var i = 0; i < Quarantined.Count; i++)
        {
            if (Quarantined[i].HoldsAt(now))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Returns the instance's allocation in this block, or null.</summary>
    public LiveAllocation? FindAllocation(Guid instanceId) =>
        Allocations.FirstOrDefault(allocation => allocation.InstanceId == instanceId);

    /// <summary>Returns the allocation of the address in this block, or null.</summary>
    public LiveAllocation? FindAddress(string address) =>
        Allocations.FirstOrDefault(allocation => allocation.Address == address);
}
