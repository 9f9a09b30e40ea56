using System.Runtime.InteropServices;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;

namespace Surge.Ipam.Allocation;

/// <summary>
/// A working copy of the subnets, node blocks and holdings one batch of requests reads, with the events each stream
/// gains. A request is planned against it whole, and <see cref="Checkpoint"/> and <see cref="Rollback"/> undo a request
/// that cannot be served in full, so the others in the batch still see a consistent space. Each change records how to
/// undo it, so a checkpoint costs nothing however large the space is.
/// </summary>
public sealed class AddressSpace
{
    private readonly Dictionary<string, Subnet> subnets;
    private readonly Dictionary<string, BlockState> blocks;
    private readonly Dictionary<Guid, AddressHolding> holdings;
    private readonly Dictionary<string, List<object>> pending = new(StringComparer.Ordinal);

    // A batch makes a few changes per request, so the log starts at a size most batches never outgrow.
    private readonly List<Undo> undo = new(1024);
    private readonly HashSet<string> fullyLoaded;
    private readonly Func<string, BlockState?>? blockSource;

    // Every request reads the subnets in name order, and they change only when a request claims a block.
    private Subnet[]? ordered;

    // How many of a node's blocks, from the first, a request found with no address to give, see ExhaustedBlocks.
    private readonly Dictionary<(string Subnet, string Node), (Subnet State, DateTimeOffset Now, int Count)> exhausted = [];

    // How many of a node's blocks, from the first, a request found with every address allocated, see FullBlocks.
    private readonly Dictionary<(string Subnet, string Node), (IReadOnlyList<NodeBlock> Blocks, int Count)> full = [];

    /// <summary>
    /// Creates the space over every block of <paramref name="source"/>, which it reads only for the blocks a request
    /// looks at, so a batch costs the same however many blocks the subnets have.
    /// </summary>
    /// <param name="source">Returns a block's state by key; the space never changes what it returns.</param>
    public AddressSpace(IEnumerable<Subnet> loadedSubnets, Func<string, BlockState?> source, IEnumerable<AddressHolding> loadedHoldings)
        : this(loadedSubnets, [], loadedHoldings, [])
    {
        blockSource = source;
        fullyLoaded.UnionWith(subnets.Keys);
    }

    /// <summary>Creates the space from loaded state.</summary>
    /// <param name="fullyLoadedSubnets">Subnets all of whose blocks are among <paramref name="loadedBlocks"/>, so addresses can be borrowed from any of them.</param>
    public AddressSpace(IEnumerable<Subnet> loadedSubnets, IEnumerable<BlockState> loadedBlocks, IEnumerable<AddressHolding> loadedHoldings, IEnumerable<string> fullyLoadedSubnets)
    {
        subnets = loadedSubnets.ToDictionary(subnet => subnet.Name, StringComparer.Ordinal);
        blocks = loadedBlocks.ToDictionary(block => block.Id, StringComparer.Ordinal);
        holdings = loadedHoldings.ToDictionary(holding => holding.InstanceId);
        fullyLoaded = new HashSet<string>(fullyLoadedSubnets, StringComparer.Ordinal);
    }

    /// <summary>
    /// Returns how many of a node's blocks, from the first in claim order, are known from earlier batches to have every
    /// address allocated, see <see cref="FullBlockHints"/>. When it is null, every walk starts at the first block.
    /// </summary>
    public Func<Subnet, string, IReadOnlyList<NodeBlock>, int>? KnownFullBlocks { get; init; }

    /// <summary>The subnets, in name order.</summary>
    public IReadOnlyList<Subnet> Subnets => ordered ??= [.. subnets.Values.OrderBy(subnet => subnet.Name, StringComparer.Ordinal)];

    /// <summary>The events each stream gained, keyed by stream key, in the order they were decided.</summary>
    public IReadOnlyDictionary<string, List<object>> Pending => pending;

    /// <summary>The states of the blocks this space changed, and of those it was created with, by block key.</summary>
    public IReadOnlyDictionary<string, BlockState> OwnBlocks => blocks;

    /// <summary>The holdings this space was created with and those it decided, by instance id.</summary>
    public IReadOnlyDictionary<Guid, AddressHolding> OwnHoldings => holdings;

    /// <summary>Returns the instance's holding, including those decided in this batch, or null.</summary>
    public AddressHolding? HoldingOf(Guid instanceId) => holdings.GetValueOrDefault(instanceId);

    /// <summary>Returns the block's current state; throws <see cref="BlocksNotLoadedException"/> when it was not loaded.</summary>
    public BlockState Block(Subnet subnet, NodeBlock block) => Block(subnet, BlockState.Key(subnet.Name, block.Cidr));

    /// <summary>Returns the state of the subnet's block with this key; throws <see cref="BlocksNotLoadedException"/> when it was not loaded.</summary>
    public BlockState Block(Subnet subnet, string blockKey) =>
        BlockByKey(blockKey) ?? throw new BlocksNotLoadedException(subnet.Name);

    /// <summary>Returns whether every block of the subnet is loaded; throws <see cref="BlocksNotLoadedException"/> otherwise.</summary>
    public void RequireAllBlocks(Subnet subnet)
    {
        if (!fullyLoaded.Contains(subnet.Name) && subnet.Blocks.Any(block => BlockByKey(BlockState.Key(subnet.Name, block.Cidr)) is null))
        {
            throw new BlocksNotLoadedException(subnet.Name);
        }
    }

    /// <summary>Records an event of the subnet's stream and folds it into the subnet.</summary>
    public Subnet Apply(Subnet subnet, object @event)
    {
        var after = SubnetDecider.Evolve(subnet, @event)!;
        Set(subnets, subnet.Name) = after;
        ordered = null;
        Add(subnet.Id, @event);
        return after;
    }

    /// <summary>Records an event of a block's stream, folds it into the block and keeps the holdings in step.</summary>
    public BlockState Apply(string blockKey, object @event)
    {
        var after = BlockDecider.Evolve(BlockByKey(blockKey), @event)!;
        Set(blocks, blockKey) = after;
        Add(blockKey, @event);

        // An allocation only fills a block further; anything else may free an address in a block already passed.
        if (@event is not AddressAllocated)
        {
            exhausted.Clear();
            full.Clear();
        }
        switch (@event)
        {
            case AddressAllocated allocated:
                Set(holdings, allocated.InstanceId) = new AddressHolding(allocated.Address, allocated.InstanceId, after.Subnet, after.Cidr, allocated.Node, allocated.AllocatedAt, allocated.SagaId);
                break;
            case AddressReleased released:
                undo.Add(new Undo(UndoKind.Holding, null, released.InstanceId, holdings.GetValueOrDefault(released.InstanceId)));
                holdings.Remove(released.InstanceId);
                break;
        }

        return after;
    }

    /// <summary>Marks the space, so a request that fails halfway can be undone with <see cref="Rollback"/>.</summary>
    public int Checkpoint() => undo.Count;

    /// <summary>Returns the space to a <see cref="Checkpoint"/>, undoing every change made since in reverse order.</summary>
    public void Rollback(int checkpoint)
    {
        // The states before the checkpoint hold fewer allocations, so a block passed since may have room again.
        if (undo.Count > checkpoint)
        {
            exhausted.Clear();
            full.Clear();
        }

        while (undo.Count > checkpoint)
        {
            Revert(undo[^1]);
            undo.RemoveAt(undo.Count - 1);
        }
    }

    /// <summary>
    /// Returns how many of the node's blocks in <paramref name="subnet"/>, from the first in claim order, an earlier
    /// request on this state of the subnet found with no address to give at <paramref name="now"/>, as recorded with
    /// <see cref="RecordExhaustedBlocks"/>; 0 when none was recorded. Those blocks still have none, because since then
    /// the space only allocated: a release, a reopened block or a rollback clears every record.
    /// </summary>
    public int ExhaustedBlocks(Subnet subnet, string node, DateTimeOffset now) =>
        exhausted.TryGetValue((subnet.Name, node), out var record) && ReferenceEquals(record.State, subnet) && record.Now == now
            ? record.Count
            : 0;

    /// <summary>Records that the first <paramref name="count"/> of the node's blocks have no address to give at <paramref name="now"/>.</summary>
    public void RecordExhaustedBlocks(Subnet subnet, string node, DateTimeOffset now, int count) =>
        exhausted[(subnet.Name, node)] = (subnet, now, count);

    /// <summary>
    /// Returns how many of <paramref name="blocks"/>, the node's blocks in claim order, have every address allocated
    /// as far as is known: from earlier batches through <see cref="KnownFullBlocks"/>, or from an earlier request of
    /// this batch through <see cref="RecordFullBlocks"/>.
    /// </summary>
    public int FullBlocks(Subnet subnet, string node, IReadOnlyList<NodeBlock> blocks)
    {
        var known = KnownFullBlocks?.Invoke(subnet, node, blocks) ?? 0;
        return full.TryGetValue((subnet.Name, node), out var seen) && ReferenceEquals(seen.Blocks, blocks) ? Math.Max(known, seen.Count) : known;
    }

    /// <summary>Records that the first <paramref name="count"/> of <paramref name="blocks"/> have every address allocated.</summary>
    public void RecordFullBlocks(Subnet subnet, string node, IReadOnlyList<NodeBlock> blocks, int count) =>
        full[(subnet.Name, node)] = (blocks, count);

    /// <summary>What <see cref="RecordFullBlocks"/> recorded, by subnet name and node, for the batch to keep once it commits.</summary>
    public IReadOnlyDictionary<(string Subnet, string Node), (IReadOnlyList<NodeBlock> Blocks, int Count)> FullBlocksSeen => full;

    /// <summary>Returns the subnet's current state, or null when the space has no such subnet.</summary>
    public Subnet? SubnetNamed(string name) => subnets.GetValueOrDefault(name);

    /// <summary>Returns the block's current state by stream key, or null when it was not loaded.</summary>
    public BlockState? BlockByKey(string key) =>
        blocks.TryGetValue(key, out var state) ? state : blockSource?.Invoke(key);

    private void Add(string streamKey, object @event)
    {
        ref var events = ref CollectionsMarshal.GetValueRefOrAddDefault(pending, streamKey, out var existed);
        if (!existed)
        {
            events = [];
            undo.Add(new Undo(UndoKind.PendingStarted, streamKey, default, null));
        }
        else
        {
            undo.Add(new Undo(UndoKind.PendingAppended, streamKey, default, null));
        }

        events!.Add(@event);
    }

    // Returns the entry of the key to assign, adding it when absent, and records how to undo the assignment. One
    // lookup serves both, because every allocation changes a block and a holding this way.
    private ref Subnet Set(Dictionary<string, Subnet> map, string name)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(map, name, out var existed);
        undo.Add(new Undo(UndoKind.Subnet, name, default, existed ? slot : null));
        return ref slot!;
    }

    private ref BlockState Set(Dictionary<string, BlockState> map, string blockKey)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(map, blockKey, out var existed);
        undo.Add(new Undo(UndoKind.Block, blockKey, default, existed ? slot : null));
        return ref slot!;
    }

    private ref AddressHolding Set(Dictionary<Guid, AddressHolding> map, Guid instanceId)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(map, instanceId, out var existed);
        undo.Add(new Undo(UndoKind.Holding, null, instanceId, existed ? slot : null));
        return ref slot!;
    }

    private void Revert(Undo change)
    {
        switch (change.Kind)
        {
            case UndoKind.Subnet:
                Restore(subnets, change.Key!, (Subnet?)change.Previous);
                ordered = null;
                break;
            case UndoKind.Block:
                Restore(blocks, change.Key!, (BlockState?)change.Previous);
                break;
            case UndoKind.Holding:
                Restore(holdings, change.InstanceId, (AddressHolding?)change.Previous);
                break;
            case UndoKind.PendingStarted:
                pending.Remove(change.Key!);
                break;
            case UndoKind.PendingAppended:
                var events = pending[change.Key!];
                events.RemoveAt(events.Count - 1);
                break;
        }
    }

    private static void Restore<TKey, TValue>(Dictionary<TKey, TValue> dictionary, TKey key, TValue? previous)
        where TKey : notnull
        where TValue : class
    {
        if (previous is null)
        {
            dictionary.Remove(key);
        }
        else
        {
            dictionary[key] = previous;
        }
    }

    private enum UndoKind
    {
        Subnet,
        Block,
        Holding,
        PendingStarted,
        PendingAppended,
    }

    // One change as a value, so recording it allocates nothing: which map it changed, the key, and the value it
    // replaced, null when the key was absent.
    private readonly record struct Undo(UndoKind Kind, string? Key, Guid InstanceId, object? Previous);
}
