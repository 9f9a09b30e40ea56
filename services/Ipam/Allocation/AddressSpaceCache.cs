using Marten;
using Surge.Contracts.Addresses;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Ipam.Allocation;

/// <summary>
/// The subnets this process last read or wrote, with their stream versions, and the address ledger, so a batch of
/// allocations reads only what changed since. Every write appends at the version held here: when another process wrote
/// the stream since, the commit fails, the subnets are read again and the batch is decided again from fresh state.
/// The address-space lock makes that rare, because writers in all processes take turns.
/// </summary>
/// <remarks>Only the committer's single loop uses an instance, so its subnets need no locking of their own.</remarks>
public sealed class AddressSpaceCache(AddressLedger ledger, SubnetStates shared)
{
    private readonly Dictionary<string, (Subnet State, long Version)> subnets = new(StringComparer.Ordinal);
    private readonly FullBlockHints fullBlocks = new();

    /// <summary>Forgets the subnets and what is known of full blocks, so the next batch reads them again.</summary>
    public void Clear()
    {
        subnets.Clear();
        shared.Clear();
        fullBlocks.Clear();
    }

    /// <summary>
    /// Plans the batch and stages its ledger entries, subnet events, inbox entries and outbox replies in
    /// <paramref name="session"/>, whose transaction must hold <see cref="AddressSpaceLock"/>.
    /// <paramref name="streamVersions"/> are the versions read with the lock. Messages already in the inbox get no
    /// second reply.
    /// </summary>
    public async Task<StagedBatch> StageAsync(
        IDocumentSession session,
        IReadOnlyDictionary<string, long> streamVersions,
        IReadOnlyList<AllocationWork> batch,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        // A batch whose messages were all handled before decides nothing, so it reads nothing more.
        var fresh = await SkipHandledAsync(session, batch, cancellationToken);
        if (fresh.Count == 0)
        {
            return new StagedBatch([], () => { }, Basis(streamVersions), null);
        }

        await RefreshSubnetsAsync(session, streamVersions, cancellationToken);
        await ledger.CatchUpAsync(session, streamVersions, cancellationToken);
        var basis = Basis(streamVersions);

        // The plan reads the ledger and the stage reads its versions, so no reader may fold meanwhile.
        using var entered = await ledger.EnterAsync(cancellationToken);
        return Stage(session, basis, fresh, now);
    }

    /// <summary>
    /// Plans the batch on what <paramref name="previous"/> leaves once it commits, while it still commits, and stages it
    /// in <paramref name="session"/>, which holds no lock yet. Before saving, the caller takes the lock and saves only
    /// when the versions it reads are still those of <see cref="StagedBatch.DecidedOn"/>: then no other writer came
    /// between, and the previous batch committed. Returns null when the batch cannot be decided ahead: the previous one
    /// decided nothing, or both hold the same request.
    /// </summary>
    public async Task<StagedBatch?> StageAheadAsync(
        IDocumentSession session,
        StagedBatch previous,
        IReadOnlyList<AllocationWork> batch,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (previous.After is not { } basis || batch.Any(work => basis.Keys.Contains(work.Key)))
        {
            return null;
        }

        var fresh = await SkipHandledAsync(session, batch, cancellationToken);
        if (fresh.Count == 0)
        {
            return null;
        }

        using var entered = await ledger.EnterAsync(cancellationToken);
        return Stage(session, basis, fresh, now);
    }

    // The ledger as it is, with the subnets this cache holds, at the versions read under the lock.
    private DecisionBasis Basis(IReadOnlyDictionary<string, long> streamVersions) => new(
        streamVersions,
        new Dictionary<string, (Subnet, long)>(subnets, StringComparer.Ordinal),
        new Dictionary<string, BlockState>(StringComparer.Ordinal),
        new Dictionary<Guid, AddressHolding>(),
        new HashSet<string>(StringComparer.Ordinal));

    // The caller is inside the ledger. Every block and holding is read through the basis, so a batch decided ahead
    // reads the previous batch's allocations whether or not the ledger folded them yet.
    private StagedBatch Stage(IDocumentSession session, DecisionBasis basis, List<AllocationWork> fresh, DateTimeOffset now)
    {
        // Every block of every subnet is in the ledger, so a request may borrow from any; the space reads only those
        // the requests look at.
        var requests = fresh.SelectMany(work => work.Request.Requests).ToList();
        var holdings = requests.Select(request => basis.HoldingOf(ledger, request.InstanceId)).OfType<AddressHolding>().DistinctBy(holding => holding.InstanceId);
        var space = new AddressSpace(basis.Subnets.Values.Select(entry => entry.State), key => basis.Block(ledger, key), holdings)
        {
            KnownFullBlocks = (subnet, node, blocks) => fullBlocks.KnownFull(subnet.Name, node, blocks, ledger.RoomChangesOf(subnet.Name, node)),
        };

        var replies = fresh.Select(work => (work, Reply(work.Request, AllocationPlanner.Plan(space, work.Request.SagaId, work.Request.Requests, now)))).ToList();
        var holdingsByWork = replies.ToDictionary(
            entry => entry.work.Key,
            entry => entry.Item2 is AddressesAllocated
                ? (IReadOnlyList<AddressHolding>)[.. entry.work.Request.Requests.Select(request => space.HoldingOf(request.InstanceId)).OfType<AddressHolding>()]
                : [],
            StringComparer.Ordinal);
        var (commit, after) = Append(session, space, basis);
        var next = after with { Keys = fresh.Select(work => work.Key).ToHashSet(StringComparer.Ordinal) };
        return new StagedBatch(Record(session, replies, holdingsByWork, now), commit, basis, next);
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
    private async Task RefreshSubnetsAsync(IDocumentSession session, IReadOnlyDictionary<string, long> streamVersions, CancellationToken cancellationToken)
    {
        var versions = streamVersions.Where(entry => entry.Key.StartsWith("subnet/", StringComparison.Ordinal)).ToDictionary(StringComparer.Ordinal);
        foreach (var gone in subnets.Keys.Where(key => !versions.ContainsKey(Subnet.StreamKey(key))).ToList())
        {
            subnets.Remove(gone);
        }

        if (versions.All(entry => subnets.TryGetValue(entry.Key["subnet/".Length..], out var cached) && cached.Version == entry.Value))
        {
            return;
        }

        // A refill in this process hands over the subnets it wrote, so only what another process changed is loaded.
        foreach (var (subnet, version) in await shared.ReadAsync(session, versions, cancellationToken))
        {
            subnets[subnet.Name] = (subnet, version);
        }
    }

    // Appends every subnet's events and the block changes to the ledger, each at the version the basis gives, and
    // returns the update of this cache to make once the commit succeeded, and the basis the commit leaves. The full
    // blocks the plan found are kept with the ledger's room changes of their node as the plan read them, inside the
    // ledger, so a change folded since makes them count for nothing.
    private (Action Commit, DecisionBasis After) Append(IDocumentSession session, AddressSpace space, DecisionBasis basis)
    {
        var seen = space.FullBlocksSeen.Select(entry => (entry.Key, entry.Value, Room: ledger.RoomChangesOf(entry.Key.Subnet, entry.Key.Node))).ToList();
        var updates = new List<Action>
        {
            () => seen.ForEach(entry => fullBlocks.Record(entry.Key.Subnet, entry.Key.Node, entry.Value.Blocks, entry.Value.Count, entry.Room)),
        };
        var changes = new List<(string, BlockEvent)>();
        var ledgerSubnets = new HashSet<string>(StringComparer.Ordinal);
        var versions = new Dictionary<string, long>(basis.Versions, StringComparer.Ordinal);
        var subnetsAfter = new Dictionary<string, (Subnet State, long Version)>(basis.Subnets, StringComparer.Ordinal);
        foreach (var (key, events) in space.Pending)
        {
            if (!key.StartsWith("subnet/", StringComparison.Ordinal))
            {
                changes.AddRange(events.Select(@event => (key, (BlockEvent)@event)));

                // Split once per block, not per change, because a batch makes hundreds of changes in a few dozen blocks.
                if (events.Count > 0)
                {
                    ledgerSubnets.Add(BlockState.SplitKey(key).Subnet);
                }

                continue;
            }

            var name = key["subnet/".Length..];
            var version = basis.Subnets[name].Version + events.Count;
            session.Events.Append(key, version, [.. events]);
            var state = space.SubnetNamed(name)!;
            subnetsAfter[name] = (state, version);
            versions[key] = version;
            updates.Add(() =>
            {
                subnets[name] = (state, version);
                shared.Remember(state, version);
            });
        }

        if (changes.Count > 0)
        {
            var follows = (string subnet) => basis.Versions.GetValueOrDefault(AddressLedger.StreamKey(subnet));
            updates.Add(ledger.Stage(session, changes, follows));
            foreach (var subnet in ledgerSubnets)
            {
                versions[AddressLedger.StreamKey(subnet)] = follows(subnet) + 1;
            }
        }

        return (() => updates.ForEach(update => update()), new DecisionBasis(versions, subnetsAfter, space.OwnBlocks, space.OwnHoldings, basis.Keys));
    }

    private static List<StagedReply> Record(
        IDocumentSession session,
        List<(AllocationWork Work, object Reply)> replies,
        Dictionary<string, IReadOnlyList<AddressHolding>> holdings,
        DateTimeOffset now)
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

            staged.Add(new StagedReply(work.Key, reply, outbox, holdings[work.Key]));
        }

        return staged;
    }

    private static object Reply(AllocateAddresses request, AllocationOutcome outcome) =>
        outcome.Rejection is { } reason
            ? new AddressAllocationRejected(request.SagaId, reason)
            : new AddressesAllocated(request.SagaId, outcome.Assignments);
}
