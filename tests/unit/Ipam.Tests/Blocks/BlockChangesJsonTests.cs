using System.Text.Json;
using Surge.Ipam.Blocks;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Blocks;

/// <summary>A ledger entry as Marten stores it: allocations grouped in runs, every change read back in order.</summary>
public sealed class BlockChangesJsonTests
{
    private const string Subnet = "feed";
    private const string BlockA = "10.0.0.16/28";
    private const string BlockB = "10.0.0.32/28";

    // Marten stores events with System.Text.Json in camel case, and jsonb may put the kind field anywhere.
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { AllowOutOfOrderMetadataProperties = true };

    private static BlockChange Allocated(string cidr, string address, int instance, string node = "node-2", DateTimeOffset? at = null) =>
        new(cidr, new AddressAllocated(address, Fixed.Instance(instance), Fixed.Saga, node, at ?? Fixed.Now));

    private static BlockChanges RoundTrip(BlockChanges entry) =>
        JsonSerializer.Deserialize<BlockChanges>(JsonSerializer.Serialize(entry, Options), Options)!;

    [Fact]
    public void Write_AllocationsPerBlockAndNode_OneRun()
    {
        var entry = new BlockChanges(
        [
            Allocated(BlockA, "10.0.0.17", 1),
            Allocated(BlockA, "10.0.0.18", 2),
            Allocated(BlockA, "10.0.0.19", 3, node: "node-7"),
            Allocated(BlockB, "10.0.0.33", 4),
            Allocated(BlockB, "10.0.0.34", 5),
        ]);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(entry, Options));

        var runs = json.RootElement.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal([BlockA, BlockA, BlockB], runs.Select(run => run.GetProperty("cidr").GetString()));
        Assert.Equal(["node-2", "node-7", "node-2"], runs.Select(run => run.GetProperty("allocated").GetProperty("node").GetString()));
        Assert.Equal([2, 1, 2], runs.Select(run => run.GetProperty("allocated").GetProperty("addresses").GetArrayLength()));
        Assert.Equal(
            ["10.0.0.17", Fixed.Instance(1).ToString(), Fixed.Saga.ToString()],
            runs[0].GetProperty("allocated").GetProperty("addresses")[0].EnumerateArray().Select(field => field.GetString()));
    }

    [Fact]
    public void RoundTrip_MixedKinds_SameOrder()
    {
        var entry = new BlockChanges(
        [
            new BlockChange(BlockA, new BlockOpened(Subnet, BlockA, "node-2")),
            Allocated(BlockA, "10.0.0.17", 1),
            Allocated(BlockA, "10.0.0.18", 2),
            new BlockChange(BlockA, new AddressReleased("10.0.0.17", Fixed.Instance(1), "scaled in", Fixed.Now.AddMinutes(5), Fixed.Now)),
            Allocated(BlockA, "10.0.0.19", 3, at: Fixed.Now.AddSeconds(1)),
            Allocated(BlockA, "10.0.0.20", 4, at: Fixed.Now.ToOffset(TimeSpan.FromHours(8))),
            new BlockChange(BlockA, new AddressAllocated("10.0.0.21", Fixed.Instance(5), Guid.Empty, "node-2", Fixed.Now)),
            new BlockChange(BlockA, new AddressReclaimed("10.0.0.22", Fixed.Instance(6), "node-2", Fixed.Now, "reported running")),
            new BlockChange(BlockA, new AllocatedInstanceMissing("10.0.0.22", Fixed.Instance(6), Fixed.Now)),
            new BlockChange(BlockA, new AllocatedInstanceSeenAgain("10.0.0.22", Fixed.Instance(6), Fixed.Now)),
            Allocated(BlockB, "10.0.0.33", 7),
            new BlockChange(BlockB, new BlockClosed(Subnet, BlockB, "surplus")),
        ]);

        var read = RoundTrip(entry);

        Assert.Equal(entry.Changes, read.Changes);
        Assert.Equal(TimeSpan.FromHours(8), ((AddressAllocated)read.Changes[5].Event).AllocatedAt.Offset);
    }

    [Fact]
    public void Read_OlderEntry_SameChanges()
    {
        var json = $$$"""
            {"changes": [
              {"cidr": "{{{BlockA}}}", "event": {"kind": "opened", "subnet": "{{{Subnet}}}", "cidr": "{{{BlockA}}}", "node": "node-2"}},
              {"cidr": "{{{BlockA}}}", "event": {"kind": "allocated", "address": "10.0.0.17", "instanceId": "{{{Fixed.Instance(1)}}}", "sagaId": "{{{Fixed.Saga}}}", "node": "node-2", "allocatedAt": "2026-03-01T12:00:00+00:00"}},
              {"cidr": "{{{BlockA}}}", "event": {"address": "10.0.0.18", "instanceId": "{{{Fixed.Instance(2)}}}", "sagaId": "{{{Fixed.Saga}}}", "node": "node-2", "allocatedAt": "2026-03-01T12:00:00+00:00", "kind": "allocated"}}
            ]}
            """;

        var read = JsonSerializer.Deserialize<BlockChanges>(json, Options)!;

        Assert.Equal([new BlockChange(BlockA, new BlockOpened(Subnet, BlockA, "node-2")), Allocated(BlockA, "10.0.0.17", 1), Allocated(BlockA, "10.0.0.18", 2)], read.Changes);
    }

    [Fact]
    public void Read_KeysInAnyOrder_SameRun()
    {
        // jsonb returns keys sorted by length, so "at" comes before "node" and "allocated" may come before "cidr".
        var json = $$$"""
            {"changes": [{"allocated": {"at": "2026-03-01T12:00:00+00:00", "addresses": [["10.0.0.17", "{{{Fixed.Instance(1)}}}", "{{{Fixed.Saga}}}"]], "node": "node-2"}, "cidr": "{{{BlockA}}}"}]}
            """;

        var read = JsonSerializer.Deserialize<BlockChanges>(json, Options)!;

        Assert.Equal([Allocated(BlockA, "10.0.0.17", 1)], read.Changes);
    }

    [Fact]
    public void Write_ManyAllocations_UnderHalfTheSize()
    {
        var entry = new BlockChanges([.. Enumerable.Range(1, 200).Select(i => Allocated($"10.0.{i / 16}.0/28", $"10.0.{i / 16}.{i % 16}", i))]);

        // The form of entries written before runs: each change one object, as System.Text.Json writes a BlockChange.
        var oneObjectEach = JsonSerializer.Serialize(new { changes = entry.Changes }, Options);
        var runs = JsonSerializer.Serialize(entry, Options);

        Assert.True(runs.Length * 2 < oneObjectEach.Length, $"{runs.Length} characters with runs, {oneObjectEach.Length} with one object each.");
        Assert.Equal(entry.Changes, JsonSerializer.Deserialize<BlockChanges>(oneObjectEach, Options)!.Changes);
    }

    [Theory]
    [InlineData("""{"changes": [{"cidr": "10.0.0.16/28", "allocated": {"node": "n", "at": "2026-03-01T12:00:00+00:00", "addresses": [["10.0.0.17", "11111111-0000-0000-0000-000000000001", "5a9a0000-0000-0000-0000-000000000001", "x"]]}}]}""", "nothing after the saga id")]
    [InlineData("""{"changes": [{"cidr": "10.0.0.16/28", "allocated": {"at": "2026-03-01T12:00:00+00:00", "addresses": []}}]}""", "needs 'node', 'at' and 'addresses'")]
    [InlineData("""{"changes": [{"allocated": {"node": "n", "at": "2026-03-01T12:00:00+00:00", "addresses": []}}]}""", "needs a 'cidr'")]
    [InlineData("""{"changes": [{"cidr": "10.0.0.16/28"}]}""", "either an 'event' or an 'allocated' run")]
    [InlineData("""{"entries": []}""", "no 'changes' list")]
    [InlineData("""{"changes": [{"cidr": "10.0.0.16/28", "event": {"kind": "closed", "subnet": "s", "cidr": "10.0.0.16/28", "reason": "r"}}], "changes": []}""", "'changes' twice")]
    [InlineData("""{"changes": [{"cidr": "10.0.0.16/28", "cidr": "10.0.0.32/28", "event": {"kind": "closed", "subnet": "s", "cidr": "10.0.0.16/28", "reason": "r"}}]}""", "'cidr' twice")]
    [InlineData("""{"changes": [{"cidr": "10.0.0.16/28", "allocated": {"node": "n", "node": "m", "at": "2026-03-01T12:00:00+00:00", "addresses": []}}]}""", "'node' twice")]
    public void Read_Malformed_NamesMissingField(string json, string expected)
    {
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<BlockChanges>(json, Options));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("node")]
    [InlineData("address")]
    [InlineData("cidr")]
    public void Write_MissingField_FailsBeforeStoring(string missing)
    {
        // Read rejects such an entry, so writing it would break every later catch-up of the subnet.
        var allocated = new AddressAllocated(missing == "address" ? null! : "10.0.0.17", Fixed.Instance(1), Fixed.Saga, missing == "node" ? null! : "node-2", Fixed.Now);
        var entry = new BlockChanges([new BlockChange(missing == "cidr" ? null! : BlockA, allocated)]);

        var error = Assert.Throws<JsonException>(() => JsonSerializer.Serialize(entry, Options));

        Assert.Contains($"has no {missing}", error.Message, StringComparison.Ordinal);
    }
}
