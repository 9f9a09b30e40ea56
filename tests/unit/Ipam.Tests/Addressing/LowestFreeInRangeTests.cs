using System.Net;
using System.Net.Sockets;
using Surge.Ipam.Addressing;

namespace Surge.Ipam.Tests.Addressing;

/// <summary>The static LowestFree over an explicit integer range, which node blocks use for their share of a subnet.</summary>
public sealed class LowestFreeInRangeTests
{
    private static UInt128 V4(string address) => AddressBlock.ToInteger(IPAddress.Parse(address));

    private static IPAddress[] Addresses(params string[] texts) => [.. texts.Select(IPAddress.Parse)];

    [Fact]
    public void LowestFree_EmptyRange_ReturnsFirst()
    {
        var free = AddressBlock.LowestFree(V4("10.0.0.16"), V4("10.0.0.31"), AddressFamily.InterNetwork, []);

        Assert.Equal(IPAddress.Parse("10.0.0.16"), free);
    }

    [Fact]
    public void LowestFree_FirstTaken_ReturnsNext()
    {
        var free = AddressBlock.LowestFree(V4("10.0.0.16"), V4("10.0.0.31"), AddressFamily.InterNetwork, Addresses("10.0.0.16", "10.0.0.17", "10.0.0.19"));

        Assert.Equal(IPAddress.Parse("10.0.0.18"), free);
    }

    [Fact]
    public void LowestFree_AddressesOutsideRange_AreIgnored()
    {
        var inUse = Addresses("10.0.0.15", "10.0.0.32", "10.0.0.1", "fd00::10");

        var free = AddressBlock.LowestFree(V4("10.0.0.16"), V4("10.0.0.31"), AddressFamily.InterNetwork, inUse);

        Assert.Equal(IPAddress.Parse("10.0.0.16"), free);
    }

    [Fact]
    public void LowestFree_WholeRangeTaken_ReturnsNull()
    {
        var inUse = Addresses("10.0.0.16", "10.0.0.17", "10.0.0.18", "10.0.0.19");

        Assert.Null(AddressBlock.LowestFree(V4("10.0.0.16"), V4("10.0.0.19"), AddressFamily.InterNetwork, inUse));
    }

    [Fact]
    public void LowestFree_UnsortedDuplicates_FindsGap()
    {
        var inUse = Addresses("10.0.0.18", "10.0.0.16", "10.0.0.17", "10.0.0.16", "10.0.0.18", "10.0.0.20");

        var free = AddressBlock.LowestFree(V4("10.0.0.16"), V4("10.0.0.31"), AddressFamily.InterNetwork, inUse);

        Assert.Equal(IPAddress.Parse("10.0.0.19"), free);
    }

    [Fact]
    public void LowestFree_SingleAddressRange_ReturnsItOrNull()
    {
        var value = V4("10.0.0.7");

        Assert.Equal(IPAddress.Parse("10.0.0.7"), AddressBlock.LowestFree(value, value, AddressFamily.InterNetwork, []));
        Assert.Null(AddressBlock.LowestFree(value, value, AddressFamily.InterNetwork, Addresses("10.0.0.7")));
    }

    [Fact]
    public void LowestFree_FirstAfterLast_ReturnsNull()
    {
        Assert.Null(AddressBlock.LowestFree(V4("10.0.0.9"), V4("10.0.0.8"), AddressFamily.InterNetwork, []));
    }

    [Fact]
    public void LowestFree_Ipv6Range_SkipsTaken()
    {
        var block = AddressBlock.Parse("fd00::10/124");

        var free = AddressBlock.LowestFree(block.First, block.Last, AddressFamily.InterNetworkV6, Addresses("fd00::10", "fd00::11", "10.0.0.18"));

        Assert.Equal(IPAddress.Parse("fd00::12"), free);
    }

    [Fact]
    public void LowestFree_Ipv6RangeAllTaken_ReturnsNull()
    {
        var block = AddressBlock.Parse("fd00::10/126");

        var free = AddressBlock.LowestFree(block.First, block.Last, AddressFamily.InterNetworkV6, Addresses("fd00::13", "fd00::12", "fd00::11", "fd00::10"));

        Assert.Null(free);
    }

    [Fact]
    public void LowestFree_TopOfIpv6Space_DoesNotWrap()
    {
        var last = UInt128.MaxValue;
        var inUse = Addresses("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff");

        Assert.Null(AddressBlock.LowestFree(last - 1, last, AddressFamily.InterNetworkV6, inUse));
    }

    [Fact]
    public void LowestFree_TopOfIpv4Space_DoesNotWrap()
    {
        var inUse = Addresses("255.255.255.254", "255.255.255.255");

        Assert.Null(AddressBlock.LowestFree(V4("255.255.255.254"), V4("255.255.255.255"), AddressFamily.InterNetwork, inUse));
    }

    [Fact]
    public void LowestFree_InstanceMethod_UsesUsableRange()
    {
        var block = AddressBlock.Parse("10.0.0.16/28");

        Assert.Equal(IPAddress.Parse("10.0.0.17"), block.LowestFree([]));
        Assert.Equal(IPAddress.Parse("10.0.0.17"), block.LowestFree(Addresses("10.0.0.16")));
    }

    [Fact]
    public void LowestFree_Ipv6Block_SkipsRouterAnycast()
    {
        var block = AddressBlock.Parse("fd00::/120");

        Assert.Equal(IPAddress.Parse("fd00::1"), block.LowestFree([]));
        Assert.Equal(IPAddress.Parse("fd00::3"), block.LowestFree(Addresses("fd00::1", "fd00::2")));
    }

    [Fact]
    public void LowestFree_Ipv6BlockFull_ReturnsNull()
    {
        var block = AddressBlock.Parse("fd00::/126");

        Assert.Null(block.LowestFree(Addresses("fd00::1", "fd00::2", "fd00::3")));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void LowestFree_RandomInUse_MatchesLinearScan(int seed)
    {
        var random = new Random(seed);
        var first = V4("10.0.0.32");
        var last = V4("10.0.0.95");
        var inUse = Enumerable.Range(0, random.Next(0, 80))
            .Select(_ => AddressBlock.ToAddress(first - 8 + (UInt128)random.Next(0, 80), AddressFamily.InterNetwork))
            .ToArray();

        var expected = LinearScan(first, last, inUse);
        var free = AddressBlock.LowestFree(first, last, AddressFamily.InterNetwork, inUse);

        Assert.Equal(expected, free);
    }

    private static IPAddress? LinearScan(UInt128 first, UInt128 last, IPAddress[] inUse)
    {
        var inUseValues = inUse.Select(AddressBlock.ToInteger).ToHashSet();
        for (var value = first; value <= last; value++)
        {
            if (!inUseValues.Contains(value))
            {
                return AddressBlock.ToAddress(value, AddressFamily.InterNetwork);
            }
        }

        return null;
    }
}
