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

    /// <summary>Forgets the subnets, so the next batch reads them again.</summary>
    public void Clear()
    {
        subnets.Clear();
        shared.Clear();
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
        var fresh = await SkipHandledAsync(session, batch, cancellationToken);
        if (fresh.Count == 0)
        {
            return new StagedBatch([], () => { });
        }

        await RefreshSubnetsAsync(session, streamVersions, cancellationToken);
        await ledger.CatchUpAsync(session, streamVersions, cancellationToken);

        // The plan reads the ledger and the stage reads its versions, so no reader may fold meanwhile.
        using var entered = await ledger.EnterAsync(cancellationToken);

        // Every block of every subnet is in the ledger, so a request may borrow from any; the space reads only those
        // the requests look at.
        var requests = fresh.SelectMany(work => work.Request.Requests).ToList();
        var holdings = requests.Select(request => ledger.HoldingOf(request.InstanceId)).OfType<AddressHolding>().DistinctBy(holding => holding.InstanceId);
        var space = new AddressSpace(subnets.Values.Select(entry => entry.State), ledger.Block, holdings);

        var replies = fresh.Select(work => (work, Reply(work.Request, AllocationPlanner.Plan(space, work.Request.SagaId, work.Request.Requests, now)))).ToList();
        var holdingsByWork = replies.ToDictionary(
            entry => entry.work.Key,
            entry => entry.Item2 is AddressesAllocated
                ? (IReadOnlyList<AddressHolding>)[.. entry.work.Request.Requests.Select(request => space.HoldingOf(request.InstanceId)).OfType<AddressHolding>()]
                : [],
            StringComparer.Ordinal);
        var commit = Append(session, space);
        return new StagedBatch(Record(session, replies, holdingsByWork, now), commit);
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

    // Appends every subnet's events at the version held here and the block changes to the ledger, and returns the
    // update of both to make once the commit succeeded.
    private Action Append(IDocumentSession session, AddressSpace space)
    {
        var updates = new List<Action>();
        var changes = new List<(string, BlockEvent)>();
        foreach (var (key, events) in space.Pending)
        {
            if (!key.StartsWith("subnet/", StringComparison.Ordinal))
            {
                changes.AddRange(events.Select(@event => (key, (BlockEvent)@event)));
                continue;
            }

            var name = key["subnet/".Length..];
            var (_, version) = subnets[name];
            session.Events.Append(key, version + events.Count, [.. events]);
            var after = space.SubnetNamed(name)!;
            updates.Add(() =>
            {
                subnets[name] = (after, version + events.Count);
                shared.Remember(after, version + events.Count);
            });
        }

        if (changes.Count > 0)
        {
            updates.Add(ledger.Stage(session, changes));
        }

        return () => updates.ForEach(update => update());
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
