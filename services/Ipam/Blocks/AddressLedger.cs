using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading.Channels;
using Marten;
using Microsoft.Extensions.Options;

namespace Surge.Ipam.Blocks;

/// <summary>
/// This process's copy of every subnet's address ledger: the state of each node block and who holds which address,
/// folded from the <see cref="BlockChanges"/> entries of the streams <c>addresses/{subnet}</c>. Every writer appends an
/// entry at the version this copy holds, so a writer that missed another's entry fails at commit instead of giving
/// out an address twice: one stream per subnet is the single writer of its blocks.
/// </summary>
/// <remarks>
/// Callers hold <see cref="EnterAsync"/> while they read or stage, because request threads and the writers share the
/// one instance; <see cref="CatchUpAsync"/> takes it by itself. The state is immutable records, so what a caller read
/// stays valid after it leaves.
/// </remarks>
public sealed class AddressLedger(IOptions<AddressLedgerOptions> options)
{
    private const string StreamPrefix = "addresses/";

    private readonly SemaphoreSlim gate = new(1, 1);

    // One pending signal is enough: the writer snapshots every subnet that is due when it wakes.
    private readonly Channel<bool> snapshotsDue = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Dictionary<string, SubnetLedger> ledgers = new(StringComparer.Ordinal);
    private readonly Dictionary<Guid, AddressHolding> byInstance = [];
    private readonly Dictionary<string, AddressHolding> byAddress = new(StringComparer.Ordinal);

    // Every subnet's blocks by block key, the same states as the subnets' own maps, so a planner that looks at dozens
    // of blocks per request finds each with one lookup and without splitting its key.
    private readonly Dictionary<string, BlockState> blocksByKey = new(StringComparer.Ordinal);

    /// <summary>Returns the key of a subnet's ledger stream: <c>addresses/{subnet}</c>.</summary>
    public static string StreamKey(string subnet) => StreamPrefix + subnet;

    /// <summary>The SQL condition that selects the ledger streams in <c>mt_streams</c>.</summary>
    public const string StreamFilter = "id like 'addresses/%'";

    /// <summary>Waits for exclusive use of the ledger; dispose the result to give it up.</summary>
    public async Task<IDisposable> EnterAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        return new Exit(gate);
    }

    /// <summary>The ledger version this copy has folded for the subnet; 0 when it has none.</summary>
    public long VersionOf(string subnet) => ledgers.TryGetValue(subnet, out var ledger) ? ledger.Version : 0;

    /// <summary>Returns the block's state by its key, or null when no such block was ever opened.</summary>
    public BlockState? Block(string blockKey) => blocksByKey.GetValueOrDefault(blockKey);

    /// <summary>Returns the address the instance holds, or null.</summary>
    public AddressHolding? HoldingOf(Guid instanceId) => byInstance.GetValueOrDefault(instanceId);

    /// <summary>
    /// Returns a number that changes with every folded change that may leave one of the node's blocks in the subnet
    /// with more free addresses than before. Such changes are a release, a block closed or opened again over an
    /// earlier claim, a restore of the subnet from a snapshot, and any change of a kind not known to free nothing.
    /// Allocations, reclaims, missing and seen-again marks, and a block opened for the first time leave it as it is,
    /// so a block seen with no free address keeps none while the number stays the same. Call it inside
    /// <see cref="EnterAsync"/>.
    /// </summary>
    public long RoomChangesOf(string subnet, string node) =>
        Math.Max(lastRoomChangeOfNode.GetValueOrDefault((subnet, node)), lastRoomChangeOfSubnet.GetValueOrDefault(subnet));

    // Each change that may free an address takes the next number, and the node's blocks, or for a restore the whole
    // subnet, keep the last one they got. A node's number therefore never returns to an earlier value.
    private long roomChanges;
    private readonly Dictionary<(string Subnet, string Node), long> lastRoomChangeOfNode = [];
    private readonly Dictionary<string, long> lastRoomChangeOfSubnet = new(StringComparer.Ordinal);

    /// <summary>Returns the holding of the address, given in canonical text form, or null.</summary>
    public AddressHolding? HoldingAt(string address) => byAddress.GetValueOrDefault(address);

    /// <summary>
    /// Returns the quarantine of the address, given in canonical text form, that runs at <paramref name="now"/>, or
    /// null when none does. Call it inside <see cref="EnterAsync"/>.
    /// </summary>
    public QuarantinedAddress? QuarantineOf(string address, DateTimeOffset now)
    {
        // Only reads call this, never the allocation path, so a pass over all blocks costs little.
        foreach (var block in blocksByKey.Values)
        {
            foreach (var quarantined in block.Quarantined)
            {
                if (quarantined.HoldsAt(now) && string.Equals(quarantined.Address, address, StringComparison.Ordinal))
                {
                    return quarantined;
                }
            }
        }

        return null;
    }

    /// <summary>A copy of every held address.</summary>
    public IReadOnlyList<AddressHolding> Holdings() => [.. byInstance.Values];

    /// <summary>
    /// Folds the ledger entries this copy has not seen. <paramref name="streamVersions"/> are the versions of the
    /// ledger streams as the caller read them, keyed by stream key; when null they are read here. A subnet this copy
    /// never saw starts from its snapshot. Call it outside <see cref="EnterAsync"/>: it takes the ledger only to
    /// compare and to fold, never while it waits for the database, so a slow read holds up no other caller.
    /// </summary>
    public async Task CatchUpAsync(IQuerySession session, IReadOnlyDictionary<string, long>? streamVersions, CancellationToken cancellationToken)
    {
        streamVersions ??= await ReadVersionsAsync(session.DocumentStore, cancellationToken);
        List<(string Subnet, long Version, long Known)> behind;
        using (await EnterAsync(cancellationToken))
        {
            behind =
            [
                .. streamVersions
                    .Where(stream => stream.Key.StartsWith(StreamPrefix, StringComparison.Ordinal))
                    .Select(stream => (Subnet: stream.Key[StreamPrefix.Length..], Version: stream.Value, Known: VersionOf(stream.Key[StreamPrefix.Length..])))
                    .Where(stream => stream.Known < stream.Version),
            ];
        }

        if (behind.Count == 0)
        {
            return;
        }

        var unseen = behind.Where(stream => stream.Known == 0).Select(stream => stream.Subnet).ToArray();
        var snapshots = unseen.Length == 0
            ? []
            : (await session.LoadManyAsync<AddressLedgerSnapshot>(cancellationToken, unseen)).ToDictionary(snapshot => snapshot.Id, StringComparer.Ordinal);
        var fetched = new List<(string Subnet, IReadOnlyList<JasperFx.Events.IEvent> Entries)>();
        foreach (var (subnet, version, known) in behind)
        {
            var from = Math.Max(known, snapshots.GetValueOrDefault(subnet)?.Version ?? 0) + 1;
            fetched.Add((subnet, from > version ? [] : await session.Events.FetchStreamAsync(StreamKey(subnet), fromVersion: from, token: cancellationToken)));
        }

        // Another caller may have folded some of the entries meanwhile, and those are skipped. None is missing,
        // because this copy only moves forward and the entries start right after what it held or the snapshot.
        using (await EnterAsync(cancellationToken))
        {
            foreach (var snapshot in snapshots.Values)
            {
                Restore(snapshot);
            }

            foreach (var (subnet, entries) in fetched)
            {
                foreach (var entry in entries.OrderBy(entry => entry.Version))
                {
                    Fold(subnet, (BlockChanges)entry.Data, entry.Version);
                }
            }
        }
    }

    /// <summary>
    /// Appends the changes to <paramref name="session"/> as one ledger entry per subnet, at the version after the one
    /// this copy holds. Call it inside
    /// <see cref="EnterAsync"/>. Returns what folds the entries into this copy at once, to call only after the commit
    /// succeeded. A caller that commits later may drop it, because the next catch-up reads the entries.
    /// </summary>
    public Action Stage(IDocumentSession session, IEnumerable<(string BlockKey, BlockEvent Event)> changes) =>
        Stage(session, changes, VersionOf);

    /// <summary>
    /// Appends the changes like the overload above, each subnet's entry after the version <paramref name="follows"/>
    /// gives for it. A batch decided while the one before it still commits follows that batch's entry, which this copy
    /// has not folded yet.
    /// </summary>
    public Action Stage(IDocumentSession session, IEnumerable<(string BlockKey, BlockEvent Event)> changes, Func<string, long> follows)
    {
        // A batch's changes come block by block, so each key is split once for the run of changes that share it.
        var split = new List<(string Subnet, BlockChange Change)>();
        var (lastKey, lastSubnet, lastCidr) = ("", "", "");
        foreach (var (blockKey, @event) in changes)
        {
            if (!string.Equals(blockKey, lastKey, StringComparison.Ordinal))
            {
                (lastKey, (lastSubnet, lastCidr)) = (blockKey, BlockState.SplitKey(blockKey));
            }

            split.Add((lastSubnet, new BlockChange(lastCidr, @event)));
        }

        var applies = new List<Action>();
        foreach (var subnet in split.GroupBy(change => change.Subnet, StringComparer.Ordinal))
        {
            var ledger = LedgerOf(subnet.Key);
            var version = follows(subnet.Key);
            var entry = new BlockChanges([.. subnet.Select(change => change.Change)]);
            if (version == 0)
            {
                session.Events.StartStream(StreamKey(subnet.Key), entry);
            }
            else
            {
                session.Events.Append(StreamKey(subnet.Key), version + 1, entry);
            }

            // A reader that caught up between the commit and the fold already folded the entry.
            applies.Add(() => Fold(subnet.Key, entry, version + 1));
        }

        return () => applies.ForEach(apply => apply());
    }

    /// <summary>Reads the versions of the ledger streams with a connection of its own.</summary>
    public static Task<Dictionary<string, long>> ReadVersionsAsync(IDocumentStore store, CancellationToken cancellationToken) =>
        StreamVersions.ReadAsync(store, $"select id, version from {store.Options.Events.DatabaseSchemaName}.mt_streams where {StreamFilter}", cancellationToken);

    /// <summary>Returns the state of the subnet's blocks keyed by block key, an empty map for a subnet without ledger.</summary>
    public IReadOnlyDictionary<string, BlockState> BlocksOf(string subnet) =>
        ledgers.TryGetValue(subnet, out var ledger) ? ledger.Blocks : new Dictionary<string, BlockState>();

    private SubnetLedger LedgerOf(string subnet)
    {
        if (!ledgers.TryGetValue(subnet, out var ledger))
        {
            ledgers[subnet] = ledger = new SubnetLedger(subnet);
        }

        return ledger;
    }

    /// <summary>Starts the subnet's copy from a snapshot; a copy that already reached its version keeps what it has.</summary>
    public void Restore(AddressLedgerSnapshot snapshot)
    {
        if (VersionOf(snapshot.Id) >= snapshot.Version)
        {
            return;
        }

        // What an older copy held is replaced whole, so no holder the snapshot no longer has survives.
        lastRoomChangeOfSubnet[snapshot.Id] = ++roomChanges;
        var ledger = LedgerOf(snapshot.Id);
        foreach (var allocation in ledger.Blocks.Values.SelectMany(block => block.Allocations))
        {
            Unhold(allocation.Address, allocation.InstanceId);
        }

        foreach (var key in ledger.Blocks.Keys)
        {
            blocksByKey.Remove(key);
        }

        ledger.Blocks.Clear();
        foreach (var block in snapshot.Blocks)
        {
            ledger.Blocks[block.Id] = block;
            blocksByKey[block.Id] = block;
            foreach (var allocation in block.Allocations)
            {
                Hold(new AddressHolding(allocation.Address, allocation.InstanceId, block.Subnet, block.Cidr, allocation.Node, allocation.AllocatedAt, allocation.SagaId));
            }
        }

        ledger.Version = snapshot.Version;
        ledger.SnapshotVersion = snapshot.Version;
    }

    /// <summary>
    /// Folds the subnet's ledger entry of <paramref name="version"/> into this copy. An entry this copy already folded
    /// is skipped, so a writer that commits and a reader that caught up meanwhile do not fold it twice.
    /// </summary>
    public void Fold(string subnet, BlockChanges entry, long version)
    {
        var ledger = LedgerOf(subnet);
        if (version <= ledger.Version)
        {
            return;
        }

        if (version != ledger.Version + 1)
        {
            throw new InvalidOperationException($"The address ledger of subnet '{subnet}' is at version {ledger.Version} and cannot fold entry {version} before the ones between.");
        }

        foreach (var change in entry.Changes)
        {
            var key = ledger.KeyOf(change.Cidr);
            ref var slot = ref CollectionsMarshal.GetValueRefOrNullRef(ledger.Blocks, key);
            var before = Unsafe.IsNullRef(ref slot) ? null : slot;
            if (MayFree(change.Event, before))
            {
                // A block of unknown owner may be anyone's, so the whole subnet counts as changed.
                if (before is null)
                {
                    lastRoomChangeOfSubnet[subnet] = ++roomChanges;
                }
                else
                {
                    lastRoomChangeOfNode[(subnet, before.Node)] = ++roomChanges;
                }
            }

            if (change.Event is BlockClosed)
            {
                Close(ledger, key, before);
                continue;
            }

            var after = BlockDecider.Evolve(before, change.Event);
            if (after is null)
            {
                continue;
            }

            if (Unsafe.IsNullRef(ref slot))
            {
                ledger.Blocks[key] = after;
            }
            else
            {
                slot = after;
            }

            blocksByKey[key] = after;
            switch (change.Event)
            {
                case BlockOpened:
                    // A block claimed again starts empty, so nothing of its last claim is held any more.
                    foreach (var allocation in before?.Allocations ?? [])
                    {
                        Unhold(allocation.Address, allocation.InstanceId);
                    }

                    break;
                case AddressAllocated allocated:
                    Hold(new AddressHolding(allocated.Address, allocated.InstanceId, after.Subnet, after.Cidr, allocated.Node, allocated.AllocatedAt, allocated.SagaId));
                    break;
                case AddressReclaimed reclaimed:
                    Hold(new AddressHolding(reclaimed.Address, reclaimed.InstanceId, after.Subnet, after.Cidr, reclaimed.Node, reclaimed.At));
                    break;
                case AddressReleased released:
                    Unhold(released.Address, released.InstanceId);
                    break;
            }
        }

        ledger.Version = version;
        if (ledger.Version - ledger.SnapshotVersion >= options.Value.SnapshotEvery)
        {
            snapshotsDue.Writer.TryWrite(true);
        }
    }

    // The refill opens new blocks every few seconds. Counting those would drop the planner's counts of full blocks
    // each time.
    private static bool MayFree(BlockEvent change, BlockState? before) => change switch
    {
        AddressAllocated or AddressReclaimed or AllocatedInstanceMissing or AllocatedInstanceSeenAgain => false,
        BlockOpened => before is not null,
        _ => true,
    };

    /// <summary>Returns the subnet's blocks as a snapshot of the version this copy holds.</summary>
    public AddressLedgerSnapshot Snapshot(string subnet) =>
        new(subnet, VersionOf(subnet), [.. BlocksOf(subnet).Values.OrderBy(block => block.Id, StringComparer.Ordinal)]);

    /// <summary>
    /// Waits until a fold leaves some subnet <see cref="AddressLedgerOptions.SnapshotEvery"/> or more entries past its
    /// last snapshot. Returns false once <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<bool> WaitForSnapshotDueAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await snapshotsDue.Reader.WaitToReadAsync(cancellationToken) && snapshotsDue.Reader.TryRead(out _);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>
    /// Returns the subnets whose copy is <see cref="AddressLedgerOptions.SnapshotEvery"/> or more entries past its last
    /// snapshot, each with its version and blocks as this copy has them. Call it inside <see cref="EnterAsync"/>. The
    /// copy folds committed entries only, so each state is the ledger's as stored up to that version.
    /// </summary>
    public IReadOnlyList<(string Subnet, long Version, IReadOnlyList<BlockState> Blocks)> DueForSnapshot() =>
    [
        .. ledgers.Values
            .Where(ledger => ledger.Version - ledger.SnapshotVersion >= options.Value.SnapshotEvery)
            .Select(ledger => (ledger.Name, ledger.Version, (IReadOnlyList<BlockState>)[.. ledger.Blocks.Values])),
    ];

    /// <summary>
    /// Records that a snapshot of the subnet at <paramref name="version"/> is stored, so the next one is due
    /// <see cref="AddressLedgerOptions.SnapshotEvery"/> entries later. Call it inside <see cref="EnterAsync"/>.
    /// </summary>
    public void Snapshotted(string subnet, long version)
    {
        var ledger = LedgerOf(subnet);
        ledger.SnapshotVersion = Math.Max(ledger.SnapshotVersion, version);
    }

    // A closed block leaves the ledger, so nothing of it is held and a snapshot lists only the subnet's blocks.
    private void Close(SubnetLedger ledger, string key, BlockState? before)
    {
        foreach (var allocation in before?.Allocations ?? [])
        {
            Unhold(allocation.Address, allocation.InstanceId);
        }

        ledger.Blocks.Remove(key);
        blocksByKey.Remove(key);
    }

    private void Hold(AddressHolding holding)
    {
        // A second holder here means the stored entries contradict each other. Serving either would hand out a taken
        // address, so the fold stops instead.
        if (byAddress.TryGetValue(holding.Id, out var current) && current.InstanceId != holding.InstanceId)
        {
            throw new InvalidOperationException($"The address ledger is inconsistent: it allocates {holding.Id} to instance {holding.InstanceId} while instance {current.InstanceId} holds it. Stop every Ipam process and inspect the stream addresses/{current.Subnet}.");
        }

        byAddress[holding.Id] = holding;
        byInstance[holding.InstanceId] = holding;
    }

    private void Unhold(string address, Guid instanceId)
    {
        if (byAddress.TryGetValue(address, out var current) && current.InstanceId == instanceId)
        {
            byAddress.Remove(address);
            byInstance.Remove(instanceId);
        }
    }

    private sealed class SubnetLedger(string name)
    {
        // A block's key for each CIDR folded, so a fold of hundreds of changes makes no new key strings.
        private readonly Dictionary<string, string> keys = new(StringComparer.Ordinal);

        public string Name { get; } = name;

        public string KeyOf(string cidr)
        {
            ref var key = ref CollectionsMarshal.GetValueRefOrAddDefault(keys, cidr, out var existed);
            if (!existed)
            {
                key = BlockState.Key(Name, cidr);
            }

            return key!;
        }

        public long Version { get; set; }

        public long SnapshotVersion { get; set; }

        public Dictionary<string, BlockState> Blocks { get; } = new(StringComparer.Ordinal);
    }

    private sealed class Exit(SemaphoreSlim gate) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
