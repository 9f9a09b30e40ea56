using Marten;
using Microsoft.Extensions.Options;
using Surge.Contracts.Addresses;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.Ipam.Tests.TestSupport;
using Surge.ServiceDefaults.Storage;

namespace Surge.Ipam.Tests.Allocation;

/// <summary>
/// A batch decided while the one before it still commits builds on that batch's outcome, and is kept only when the
/// versions read under the lock are the ones it assumed. The sessions only collect operations here; nothing reaches a
/// database, because every subnet and ledger entry the batches read is already in this process.
/// </summary>
public sealed class DecideAheadTests : IDisposable
{
    private const string LedgerStream = "addresses/feed";
    private const string SubnetStream = "subnet/feed";

    // The connection string points at a closed port: a test that reached the database would fail instead of passing.
    private readonly DocumentStore store = new(MartenExtensions.CreateStoreOptions("Host=127.0.0.1;Port=9;Username=none;Database=none;Timeout=1", "ipam", IpamStore.Configure));

    private readonly AddressLedger ledger = new(Options.Create(new AddressLedgerOptions()));
    private readonly AddressSpaceCache cache;
    private readonly Dictionary<string, long> versions = new(StringComparer.Ordinal) { [SubnetStream] = 3, [LedgerStream] = 1 };

    public DecideAheadTests()
    {
        var subnet = TestSubnets.Macvlan("10.0.0.0/24", gateway: "10.0.0.1", blockPrefixLength: 28)
            .WithBlock("10.0.0.0/28", "node-1")
            .WithBlock("10.0.0.16/28", "node-1");
        var states = new SubnetStates();
        states.Remember(subnet, 3);
        ledger.Fold("feed", new BlockChanges(
        [
            new BlockChange("10.0.0.0/28", new BlockOpened("feed", "10.0.0.0/28", "node-1")),
            new BlockChange("10.0.0.16/28", new BlockOpened("feed", "10.0.0.16/28", "node-1")),
        ]), 1);
        cache = new AddressSpaceCache(ledger, states);
    }

    [Fact]
    public async Task AheadBatch_TakesNextAddresses()
    {
        var (first, ahead) = await StageBothAsync([Work(1), Work(2)], [Work(3), Work(4)]);

        Assert.Equal(["10.0.0.2", "10.0.0.3"], Addresses(first));
        Assert.Equal(["10.0.0.4", "10.0.0.5"], Addresses(ahead!));
    }

    [Fact]
    public async Task AheadBatch_AppendsAfterThePreviousEntry()
    {
        var (first, ahead) = await StageBothAsync([Work(1)], [Work(2)]);

        Assert.Equal(1, first.DecidedOn.Versions[LedgerStream]);
        Assert.Equal(2, ahead!.DecidedOn.Versions[LedgerStream]);
        Assert.Equal(3, ahead.After!.Versions[LedgerStream]);
        Assert.Equal(3, ahead.DecidedOn.Versions[SubnetStream]);
    }

    [Fact]
    public async Task AheadDecision_HoldsOnlyWhileNothingElseMoved()
    {
        var (_, ahead) = await StageBothAsync([Work(1)], [Work(2)]);
        var decidedOn = ahead!.DecidedOn;

        Assert.True(decidedOn.StillHolds(new Dictionary<string, long> { [SubnetStream] = 3, [LedgerStream] = 2 }));

        // Another writer appended after the previous batch, the previous batch failed, or a subnet was defined meanwhile.
        Assert.False(decidedOn.StillHolds(new Dictionary<string, long> { [SubnetStream] = 3, [LedgerStream] = 3 }));
        Assert.False(decidedOn.StillHolds(new Dictionary<string, long> { [SubnetStream] = 3, [LedgerStream] = 1 }));
        Assert.False(decidedOn.StillHolds(new Dictionary<string, long> { [SubnetStream] = 3, [LedgerStream] = 2, ["subnet/other"] = 1 }));
    }

    [Fact]
    public async Task CommittedInOrder_LedgerHoldsEachOnce()
    {
        var (first, ahead) = await StageBothAsync([Work(1), Work(2)], [Work(3), Work(4)]);

        first.Commit();
        ahead!.Commit();

        Assert.Equal(3, ledger.VersionOf("feed"));
        var holdings = ledger.Holdings();
        Assert.Equal(4, holdings.Count);
        Assert.Equal(4, holdings.Select(holding => holding.Id).Distinct().Count());
    }

    [Fact]
    public async Task InstanceOfPreviousBatch_KeepsAddress()
    {
        // The same instance asked again under another request key, as a retried HTTP call does.
        var (first, ahead) = await StageBothAsync([Work(1)], [Work(1, key: "retry")]);

        Assert.Equal(Addresses(first), Addresses(ahead!));
        Assert.DoesNotContain(ahead!.After!.Blocks.Values, block => block.Allocations.Count > 1);
    }

    [Fact]
    public async Task RequestOfPreviousBatch_NotDecidedAhead()
    {
        var (_, ahead) = await StageBothAsync([Work(1)], [Work(2), Work(1)]);

        Assert.Null(ahead);
    }

    [Fact]
    public async Task PreviousBatchThatDecidedNothing_DecidesNothingAhead()
    {
        var (first, ahead) = await StageBothAsync([], [Work(1)]);

        Assert.Null(first.After);
        Assert.Null(ahead);
    }

    public void Dispose() => store.Dispose();

    private async Task<(StagedBatch First, StagedBatch? Ahead)> StageBothAsync(AllocationWork[] firstBatch, AllocationWork[] aheadBatch)
    {
        await using var firstSession = store.LightweightSession();
        await using var aheadSession = store.LightweightSession();
        var first = await cache.StageAsync(firstSession, versions, firstBatch, Fixed.Now, CancellationToken.None);
        var ahead = await cache.StageAheadAsync(aheadSession, first, aheadBatch, Fixed.Now, CancellationToken.None);
        return (first, ahead);
    }

    private static AllocationWork Work(int instance, string? key = null) =>
        new(key ?? $"request-{instance}", "correlation", null, new AllocateAddresses(Fixed.Saga, "feed", [new AddressRequest(Fixed.Instance(instance), "node-1", "feed-pool")]), ViaBroker: false);

    private static string[] Addresses(StagedBatch batch) =>
        [.. batch.Replies.Select(reply => reply.Reply).Cast<AddressesAllocated>().SelectMany(allocated => allocated.Assignments).Select(assignment => assignment.Address)];
}
