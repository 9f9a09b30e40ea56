using Microsoft.Extensions.Options;
using Surge.Ipam.Blocks;
using Surge.Ipam.Tests.TestSupport;

namespace Surge.Ipam.Tests.Blocks;

/// <summary>The in-memory fold of a subnet's address ledger: blocks, holders and snapshots.</summary>
public sealed class AddressLedgerTests
{
    private const string Subnet = "feed";
    private const string Cidr = "10.0.0.16/28";

    private static AddressLedger NewLedger() => new(Options.Create(new AddressLedgerOptions()));

    private static BlockChanges Entry(params BlockEvent[] events) => new([.. events.Select(@event => new BlockChange(Cidr, @event))]);

    private static AddressLedger WithOpenBlock()
    {
        var ledger = NewLedger();
        ledger.Fold(Subnet, Entry(new BlockOpened(Subnet, Cidr, "node-2")), 1);
        return ledger;
    }

    [Fact]
    public void Fold_Allocated_HoldsAddressWithSubnetAndBlock()
    {
        var ledger = WithOpenBlock();

        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), 2);

        var expected = new AddressHolding("10.0.0.17", Fixed.Instance(1), Subnet, Cidr, "node-2", Fixed.Now, Fixed.Saga);
        Assert.Equal(expected, ledger.HoldingOf(Fixed.Instance(1)));
        Assert.Equal(expected, ledger.HoldingAt("10.0.0.17"));
        Assert.Equal(2, ledger.VersionOf(Subnet));
        Assert.Single(ledger.Block(BlockState.Key(Subnet, Cidr))!.Allocations);
    }

    [Fact]
    public void Fold_ManyAllocationsInOneEntry_HoldsEach()
    {
        var ledger = WithOpenBlock();

        ledger.Fold(Subnet, Entry(
            new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now),
            new AddressAllocated("10.0.0.18", Fixed.Instance(2), Fixed.Saga, "node-2", Fixed.Now)), 2);

        Assert.Equal(["10.0.0.17", "10.0.0.18"], ledger.Holdings().Select(holding => holding.Id).Order());
    }

    [Fact]
    public void Fold_Reclaimed_HoldsAddressSinceReport()
    {
        var ledger = WithOpenBlock();
        var reportedAt = Fixed.Now.AddMinutes(3);

        ledger.Fold(Subnet, Entry(new AddressReclaimed("10.0.0.18", Fixed.Instance(2), "node-1", reportedAt, "reported running")), 2);

        Assert.Equal(new AddressHolding("10.0.0.18", Fixed.Instance(2), Subnet, Cidr, "node-1", reportedAt), ledger.HoldingOf(Fixed.Instance(2)));
    }

    [Fact]
    public void Fold_Released_FreesAddressAndInstance()
    {
        var ledger = WithOpenBlock();
        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), 2);

        ledger.Fold(Subnet, Entry(new AddressReleased("10.0.0.17", Fixed.Instance(1), "scaled in", Fixed.Now.AddMinutes(5), Fixed.Now)), 3);

        Assert.Null(ledger.HoldingOf(Fixed.Instance(1)));
        Assert.Null(ledger.HoldingAt("10.0.0.17"));
        Assert.Single(ledger.Block(BlockState.Key(Subnet, Cidr))!.Quarantined);
    }

    [Fact]
    public void Fold_BlockReopened_DropsOldHolders()
    {
        var ledger = WithOpenBlock();
        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), 2);

        ledger.Fold(Subnet, Entry(new BlockOpened(Subnet, Cidr, "node-3")), 3);

        Assert.Empty(ledger.Holdings());
        Assert.Equal("node-3", ledger.Block(BlockState.Key(Subnet, Cidr))!.Node);
    }

    [Fact]
    public void Fold_SecondHolderOfAnAddress_Throws()
    {
        var ledger = WithOpenBlock();
        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), 2);

        Assert.Throws<InvalidOperationException>(() =>
            ledger.Fold(Subnet, Entry(new AddressReclaimed("10.0.0.17", Fixed.Instance(2), "node-2", Fixed.Now, "reported running")), 3));
    }

    [Fact]
    public void Fold_EntryAlreadyFolded_IsSkipped()
    {
        var ledger = WithOpenBlock();
        var allocated = Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now));
        ledger.Fold(Subnet, allocated, 2);

        ledger.Fold(Subnet, allocated, 2);

        Assert.Single(ledger.Holdings());
        Assert.Equal(2, ledger.VersionOf(Subnet));
    }

    [Fact]
    public void Fold_EntryAfterAGap_Throws()
    {
        var ledger = WithOpenBlock();

        Assert.Throws<InvalidOperationException>(() =>
            ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), 3));
    }

    [Fact]
    public void Restore_Snapshot_MatchesFold()
    {
        var folded = WithOpenBlock();
        folded.Fold(Subnet, Entry(
            new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now),
            new AddressAllocated("10.0.0.18", Fixed.Instance(2), Fixed.Saga, "node-2", Fixed.Now)), 2);
        folded.Fold(Subnet, Entry(new AddressReleased("10.0.0.17", Fixed.Instance(1), "scaled in", Fixed.Now.AddMinutes(5), Fixed.Now)), 3);

        var restored = NewLedger();
        restored.Restore(folded.Snapshot(Subnet));

        Assert.Equal(3, restored.VersionOf(Subnet));
        Assert.Equal(folded.Holdings(), restored.Holdings());
        Assert.Equal(folded.Block(BlockState.Key(Subnet, Cidr)), restored.Block(BlockState.Key(Subnet, Cidr)));
    }

    [Fact]
    public void Restore_OlderSnapshot_KeepsCopy()
    {
        var ledger = WithOpenBlock();
        var old = ledger.Snapshot(Subnet);
        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), 2);

        ledger.Restore(old);

        Assert.NotNull(ledger.HoldingOf(Fixed.Instance(1)));
    }

    [Fact]
    public void Fold_Closed_RemovesBlock()
    {
        var ledger = WithOpenBlock();

        ledger.Fold(Subnet, Entry(new BlockClosed(Subnet, Cidr, "node 'node-2' keeps enough free addresses without it")), 2);

        Assert.Null(ledger.Block(BlockState.Key(Subnet, Cidr)));
        Assert.Empty(ledger.Snapshot(Subnet).Blocks);
        Assert.Equal(2, ledger.VersionOf(Subnet));
    }

    [Fact]
    public void Fold_ClosedThenOpened_StartsForNewNode()
    {
        var ledger = WithOpenBlock();

        ledger.Fold(Subnet, Entry(new BlockClosed(Subnet, Cidr, "surplus"), new BlockOpened(Subnet, Cidr, "node-3")), 2);

        Assert.Equal("node-3", ledger.Block(BlockState.Key(Subnet, Cidr))!.Node);
    }

    [Fact]
    public void Stage_PastSnapshotInterval_StoresNoSnapshot()
    {
        // Snapshots are written in the background, so an allocation's transaction never carries a whole subnet.
        var ledger = new AddressLedger(Options.Create(new AddressLedgerOptions { SnapshotEvery = 1 }));
        ledger.Fold(Subnet, Entry(new BlockOpened(Subnet, Cidr, "node-2")), 1);
        using var store = new Marten.DocumentStore(Surge.ServiceDefaults.Storage.MartenExtensions.CreateStoreOptions("Host=127.0.0.1;Port=9;Username=none;Database=none;Timeout=1", "ipam", IpamStore.Configure));
        using var session = store.LightweightSession();

        ledger.Stage(session, [(BlockState.Key(Subnet, Cidr), new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now))]);

        Assert.Empty(session.PendingChanges.AllChangedFor<AddressLedgerSnapshot>());
    }

    [Fact]
    public void DueForSnapshot_BeforeInterval_IsEmpty()
    {
        var ledger = new AddressLedger(Options.Create(new AddressLedgerOptions { SnapshotEvery = 3 }));
        ledger.Fold(Subnet, Entry(new BlockOpened(Subnet, Cidr, "node-2")), 1);
        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), 2);

        Assert.Empty(ledger.DueForSnapshot());
    }

    [Fact]
    public void DueForSnapshot_AtInterval_GivesFoldedState()
    {
        var ledger = new AddressLedger(Options.Create(new AddressLedgerOptions { SnapshotEvery = 2 }));
        ledger.Fold(Subnet, Entry(new BlockOpened(Subnet, Cidr, "node-2")), 1);
        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), 2);

        var (subnet, version, blocks) = Assert.Single(ledger.DueForSnapshot());

        Assert.Equal(Subnet, subnet);
        Assert.Equal(2, version);
        Assert.Equal("10.0.0.17", Assert.Single(Assert.Single(blocks).Allocations).Address);
    }

    [Fact]
    public void DueForSnapshot_ClosedBlock_IsLeftOut()
    {
        var ledger = new AddressLedger(Options.Create(new AddressLedgerOptions { SnapshotEvery = 2 }));
        ledger.Fold(Subnet, Entry(new BlockOpened(Subnet, Cidr, "node-2")), 1);
        ledger.Fold(Subnet, Entry(new BlockClosed(Subnet, Cidr, "surplus")), 2);

        Assert.Empty(Assert.Single(ledger.DueForSnapshot()).Blocks);
    }

    [Fact]
    public void Snapshotted_CountsIntervalFromThere()
    {
        var ledger = new AddressLedger(Options.Create(new AddressLedgerOptions { SnapshotEvery = 2 }));
        ledger.Fold(Subnet, Entry(new BlockOpened(Subnet, Cidr, "node-2")), 1);
        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), 2);

        ledger.Snapshotted(Subnet, 2);
        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.18", Fixed.Instance(2), Fixed.Saga, "node-2", Fixed.Now)), 3);

        Assert.Empty(ledger.DueForSnapshot());
    }

    [Fact]
    public void Snapshotted_OlderVersion_KeepsNewer()
    {
        // The copy keeps the newest snapshot version it has heard of, whichever order the calls come in.
        var ledger = new AddressLedger(Options.Create(new AddressLedgerOptions { SnapshotEvery = 2 }));
        ledger.Fold(Subnet, Entry(new BlockOpened(Subnet, Cidr, "node-2")), 1);
        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), 2);
        ledger.Snapshotted(Subnet, 2);

        ledger.Snapshotted(Subnet, 1);
        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.18", Fixed.Instance(2), Fixed.Saga, "node-2", Fixed.Now)), 3);

        Assert.Empty(ledger.DueForSnapshot());
    }

    [Fact]
    public async Task WaitForSnapshotDue_FoldAtInterval_Completes()
    {
        var ledger = new AddressLedger(Options.Create(new AddressLedgerOptions { SnapshotEvery = 2 }));
        ledger.Fold(Subnet, Entry(new BlockOpened(Subnet, Cidr, "node-2")), 1);
        var waiting = ledger.WaitForSnapshotDueAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);

        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), 2);

        Assert.True(await waiting.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    [Fact]
    public async Task WaitForSnapshotDue_Cancelled_ReturnsFalse()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        Assert.False(await NewLedger().WaitForSnapshotDueAsync(cancelled.Token));
    }

    [Fact]
    public void QuarantineOf_ReleasedAddress_UntilItEnds()
    {
        var ledger = WithOpenBlock();
        ledger.Fold(Subnet, Entry(new AddressAllocated("10.0.0.17", Fixed.Instance(1), Fixed.Saga, "node-2", Fixed.Now)), 2);
        ledger.Fold(Subnet, Entry(new AddressReleased("10.0.0.17", Fixed.Instance(1), "scaled in", Fixed.Now.AddMinutes(5), Fixed.Now)), 3);

        Assert.Equal(Fixed.Instance(1), ledger.QuarantineOf("10.0.0.17", Fixed.Now.AddMinutes(1))?.InstanceId);
        Assert.Null(ledger.QuarantineOf("10.0.0.17", Fixed.Now.AddMinutes(6)));
        Assert.Null(ledger.QuarantineOf("10.0.0.18", Fixed.Now.AddMinutes(1)));
    }
}
