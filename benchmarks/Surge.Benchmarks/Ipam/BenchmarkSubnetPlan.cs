using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Surge.Benchmarks.Ipam;

/// <summary>
/// The address space every allocator under test starts from: one IPv4 subnet, whose usable addresses are all but the
/// network and broadcast addresses, and the nodes with the number of addresses each has ready after preparation.
/// </summary>
/// <param name="Subnet">The IPv4 subnet, /8 to /30.</param>
/// <param name="Nodes">The nodes in name order, each with its warm level.</param>
public sealed record BenchmarkSubnetPlan(IPNetwork Subnet, IReadOnlyList<BenchmarkNode> Nodes)
{
    /// <summary>The number of usable addresses in the subnet.</summary>
    public int UsableAddressCount => (int)((1L << (32 - Subnet.PrefixLength)) - 2);

    /// <summary>The sum of every node's warm level.</summary>
    public int WarmAddressCount => Nodes.Sum(node => node.WarmAddresses);

    /// <summary>Creates a plan of <paramref name="nodes"/> nodes named node-0001 upwards, each with the same warm level.</summary>
    public static BenchmarkSubnetPlan Create(IPNetwork subnet, int nodes, int warmAddressesPerNode)
    {
        if (subnet.BaseAddress.AddressFamily != AddressFamily.InterNetwork || subnet.PrefixLength is < 8 or > 30)
        {
            throw new ArgumentException($"Subnet {subnet} is not an IPv4 subnet from /8 to /30.", nameof(subnet));
        }

        var names = Enumerable.Range(1, nodes).Select(n => new BenchmarkNode(NodeName(n), warmAddressesPerNode));
        return new BenchmarkSubnetPlan(subnet, [.. names]);
    }

    /// <summary>Returns the usable addresses of the subnet in ascending order.</summary>
    public IEnumerable<IPAddress> UsableAddresses()
    {
        var first = ToInteger(Subnet.BaseAddress) + 1;
        for (var offset = 0u; offset < UsableAddressCount; offset++)
        {
            yield return FromInteger(first + offset);
        }
    }

    /// <summary>Returns whether <paramref name="address"/> is a usable address of the subnet.</summary>
    public bool IsUsable(IPAddress address)
    {
        if (address.AddressFamily != AddressFamily.InterNetwork || !Subnet.Contains(address))
        {
            return false;
        }

        var offset = ToInteger(address) - ToInteger(Subnet.BaseAddress);
        return offset >= 1 && offset <= UsableAddressCount;
    }

    private static string NodeName(int number) => $"node-{number.ToString("D4", CultureInfo.InvariantCulture)}";

    private static uint ToInteger(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[4];
        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt32BigEndian(bytes);
    }

    private static IPAddress FromInteger(uint value)
    {
        var bytes = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        return new IPAddress(bytes);
    }
}
