using Marten;
using Surge.Contracts.Addresses;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Ipam.Allocation;

/// <summary>
/// The subnets and node blocks this process last read or wrote, with their stream versions, so a batch of allocations
/// reads only what changed. Every write appends at the version the cache holds: when another process wrote the stream
/// since, the commit fails, the cache is cleared and the batch is decided again from fresh state. The address-space
/// lock makes that rare, because writers in all processes take turns.
/// </summary>
/// <remarks>Only the committer's single loop uses an instance, so it needs no locking of its own.</remarks>
public sealed class AddressSpaceCache
{
    private readonly Dictionary<string, (Subnet State, long Version)> subnets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (BlockState State, long Version)> blocks = new(StringComparer.Ordinal);

    /// <summary>Forgets everything, so the next batch reads all it needs again.</summary>
    public void Clear()
    {
        subnets.Clear();
        blocks.Clear();
    }

    /// <summary>
    /// Plans the batch and stages its events, inbox entries and outbox replies in <paramref name="session"/>, whose
    /// transaction must hold <see cref="AddressSpaceLock"/>. Messages already in the inbox get no second reply.
    /// </summary>
    public async Task<StagedBatch> StageAsync(IDocumentSession session, IReadOnlyList<AllocationWork> batch, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var fresh = await SkipHandledAsync(session, batch, cancellationToken);
        if (fresh.Count == 0)
        {
            return new StagedBatch([], () => { });
        }

        await RefreshSubnetsAsync(session, cancellationToken);
        var requests = fresh.SelectMany(work => work.Request.Requests).ToList();
        var instanceIds = requests.Select(request => request.InstanceId).Distinct().ToArray();
        var holdings = await session.Query<AddressHolding>().Where(holding => instanceIds.Contains(holding.InstanceId)).ToListAsync(cancellationToken);

        // The requests' own node blocks are read up front. A request that must borrow from another node's block
        // makes the batch read all blocks of that subnet and plan again from the start.
        var needed = requests
            .SelectMany(request => subnets.Values.SelectMany(subnet => subnet.State.BlocksOf(request.Node).Select(block => BlockState.StreamKey(subnet.State.Name, block.Cidr))))
            .ToHashSet(StringComparer.Ordinal);
        var fullyLoaded = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            await LoadBlocksAsync(session, needed, cancellationToken);
            var space = new AddressSpace(
                subnets.Values.Select(entry => entry.State),
                blocks.Values.Select(entry => entry.State),
                holdings,
                fullyLoaded);
            try
            {
                var replies = fresh.Select(work => (work, Reply(work.Request, AllocationPlanner.Plan(space, work.Request.SagaId, work.Request.Requests, now)))).ToList();
                var commit = Append(session, space);
                return new StagedBatch(Record(session, replies, now), commit);
            }
            catch (BlocksNotLoadedException missing)
            {
                needed.UnionWith(subnets[missing.Subnet].State.Blocks.Select(block => BlockState.StreamKey(missing.Subnet, block.Cidr)));
                fullyLoaded.Add(missing.Subnet);
            }
        }
    }

    private static async Task<List<AllocationWork>> SkipHandledAsync(IDocumentSession session, IReadOnlyList<AllocationWork> batch, CancellationToken cancellationToken)
    {
        var inboxKeys = batch.Where(work => work.ViaBroker).Select(work => work.Key).Distinct().ToList();
        var handled = inboxKeys.Count == 0
            ? []
            : (await session.LoadManyAsync<InboxEntry>(cancellationToken, inboxKeys)).Select(entry => entry.Id).ToHashSet(StringComparer.Ordinal);
        return [.. batch.Where(work => !handled.Contains(work.Key)).DistinctBy(work => work.Key)];
    }

    // Subnets change rarely, so their versions are compared on every batch and only a changed subnet is read again.
    private async Task RefreshSubnetsAsync(IDocumentSession session, CancellationToken cancellationToken)
    {
        var versions = await StreamVersionsAsync(session, "id like 'subnet/%'", null, cancellationToken);
        foreach (var gone in subnets.Keys.Where(key => !versions.ContainsKey(Subnet.StreamKey(key))).ToList())
        {
            subnets.Remove(gone);
        }

        var stale = versions.Where(entry => !subnets.TryGetValue(entry.Key["subnet/".Length..], out var cached) || cached.Version != entry.Value).Select(entry => entry.Key).ToList();
        if (stale.Count == 0)
        {
            return;
        }

        foreach (var subnet in await session.LoadManyAsync<Subnet>(cancellationToken, stale))
        {
            subnets[subnet.Name] = (subnet, versions[subnet.Id]);
        }
    }

    private async Task LoadBlocksAsync(IDocumentSession session, HashSet<string> keys, CancellationToken cancellationToken)
    {
        var missing = keys.Where(key => !blocks.ContainsKey(key)).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        var versions = await StreamVersionsAsync(session, "id = any(@keys)", missing, cancellationToken);
        foreach (var block in await session.LoadManyAsync<BlockState>(cancellationToken, missing))
        {
            blocks[block.Id] = (block, versions.GetValueOrDefault(block.Id));
        }
    }

    // Appends every stream's events at the version the cache holds, and returns the update of the cache to make
    // once the commit succeeded. A stream the cache does not know is new and is started, which fails when another
    // process started it first.
    private Action Append(IDocumentSession session, AddressSpace space)
    {
        var updates = new List<Action>();
        foreach (var (key, events) in space.Pending)
        {
            if (key.StartsWith("subnet/", StringComparison.Ordinal))
            {
                var name = key["subnet/".Length..];
                var (_, version) = subnets[name];
                session.Events.Append(key, version + events.Count, [.. events]);
                var after = space.SubnetNamed(name)!;
                updates.Add(() => subnets[name] = (after, version + events.Count));
                continue;
            }

            var state = space.BlockByKey(key)!;
            if (blocks.TryGetValue(key, out var cached) && cached.Version > 0)
            {
                session.Events.Append(key, cached.Version + events.Count, [.. events]);
                updates.Add(() => blocks[key] = (state, cached.Version + events.Count));
            }
            else
            {
                session.Events.StartStream<BlockState>(key, [.. events]);
                updates.Add(() => blocks[key] = (state, events.Count));
            }
        }

        return () => updates.ForEach(update => update());
    }

    private static List<StagedReply> Record(IDocumentSession session, List<(AllocationWork Work, object Reply)> replies, DateTimeOffset now)
    {
        var staged = new List<StagedReply>(replies.Count);
        foreach (var (work, reply) in replies)
        {
            OutboxMessage? outbox = null;
            if (work.ViaBroker)
            {
                session.Insert(new InboxEntry(work.Key, now));
                outbox = OutboxMessage.Create(reply, work.CorrelationId, work.CausationId, now);
                session.Insert(outbox);
            }

            staged.Add(new StagedReply(work.Key, reply, outbox));
        }

        return staged;
    }

    private static object Reply(AllocateAddresses request, AllocationOutcome outcome) =>
        outcome.Rejection is { } reason
            ? new AddressAllocationRejected(request.SagaId, reason)
            : new AddressesAllocated(request.SagaId, outcome.Assignments);

    private static Task<Dictionary<string, long>> StreamVersionsAsync(IDocumentSession session, string filter, string[]? keys, CancellationToken cancellationToken) =>
        StreamVersions.ReadAsync(
            session.Connection!,
            $"select id, version from {session.DocumentStore.Options.Events.DatabaseSchemaName}.mt_streams where {filter}",
            keys,
            cancellationToken);
}
