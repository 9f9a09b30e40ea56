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
    private readonly List<Action> undo = [];
    private readonly HashSet<string> fullyLoaded;
    private readonly Func<string, BlockState?>? blockSource;

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

    /// <summary>The subnets, in name order.</summary>
    public IEnumerable<Subnet> Subnets => subnets.Values.OrderBy(subnet => subnet.Name, StringComparer.Ordinal);

    /// <summary>The events each stream gained, keyed by stream key, in the order they were decided.</summary>
    public IReadOnlyDictionary<string, List<object>> Pending => pending;

    /// <summary>The states of the blocks this space changed, and of those it was created with, by block key.</summary>
    public IReadOnlyDictionary<string, BlockState> OwnBlocks => blocks;

    /// <summary>The holdings this space was created with and those it decided, by instance id.</summary>
    public IReadOnlyDictionary<Guid, AddressHolding> OwnHoldings => holdings;

    /// <summary>Returns the instance's holding, including those decided in this batch, or null.</summary>
    public AddressHolding? HoldingOf(Guid instanceId) => holdings.GetValueOrDefault(instanceId);

    /// <summary>Returns the block's current state; throws <see cref="BlocksNotLoadedException"/> when it was not loaded.</summary>
    public BlockState Block(Subnet subnet, NodeBlock block) =>
        BlockByKey(BlockState.Key(subnet.Name, block.Cidr)) ?? throw new BlocksNotLoadedException(subnet.Name);

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
        Remember(subnets, subnet.Name);
        subnets[subnet.Name] = after;
        Add(subnet.Id, @event);
        return after;
    }

    /// <summary>Records an event of a block's stream, folds it into the block and keeps the holdings in step.</summary>
    public BlockState Apply(string blockKey, object @event)
    {
        var after = BlockDecider.Evolve(BlockByKey(blockKey), @event)!;
        Remember(blocks, blockKey);
        blocks[blockKey] = after;
        Add(blockKey, @event);
        switch (@event)
        {
            case AddressAllocated allocated:
                Remember(holdings, allocated.InstanceId);
                holdings[allocated.InstanceId] = new AddressHolding(allocated.Address, allocated.InstanceId, after.Subnet, after.Cidr, allocated.Node, allocated.AllocatedAt, allocated.SagaId);
                break;
            case AddressReleased released:
                Remember(holdings, released.InstanceId);
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
        while (undo.Count > checkpoint)
        {
            undo[^1]();
            undo.RemoveAt(undo.Count - 1);
        }
    }

    /// <summary>Returns the subnet's current state, or null when the space has no such subnet.</summary>
    public Subnet? SubnetNamed(string name) => subnets.GetValueOrDefault(name);

    /// <summary>Returns the block's current state by stream key, or null when it was not loaded.</summary>
    public BlockState? BlockByKey(string key) =>
        blocks.TryGetValue(key, out var state) ? state : blockSource?.Invoke(key);

    private void Add(string streamKey, object @event)
    {
        if (!pending.TryGetValue(streamKey, out var events))
        {
            pending[streamKey] = events = [];
            undo.Add(() => pending.Remove(streamKey));
        }
        else
        {
            undo.Add(() => events.RemoveAt(events.Count - 1));
        }

        events.Add(@event);
    }

    private void Remember<TKey, TValue>(Dictionary<TKey, TValue> dictionary, TKey key)
        where TKey : notnull
    {
        if (dictionary.TryGetValue(key, out var previous))
        {
            undo.Add(() => dictionary[key] = previous);
        }
        else
        {
            undo.Add(() => dictionary.Remove(key));
        }
    }
}
