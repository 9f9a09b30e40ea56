using System.ComponentModel.DataAnnotations;
using Marten;
using Microsoft.Extensions.Options;
using Surge.Contracts.Nodes;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.Ipam.WarmSets;

/// <summary>
/// Keeps every node's warm set between the subnet's levels in the background, so a saga's allocation finds an address
/// ready on the node. In an eni subnet a new block is a new interface: the refill records it as not ready and asks the
/// provider to attach it with <see cref="AttachNetworkInterface"/>.
/// </summary>
public sealed partial class WarmSetRefill(
    IDocumentStore store,
    OutboxSessionFactory sessions,
    AddressLedger ledger,
    SubnetStates subnets,
    PartitionLocks locks,
    IOptions<WarmSetOptions> options,
    TimeProvider time,
    ILogger<WarmSetRefill> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = new PassFailures(logger, "The warm-set refill", time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefillAsync(stoppingToken);
                failures.Succeeded();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Failed(exception, failure => LogRefillFailed(logger, failure));
            }

            await Task.Delay(options.Value.Interval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>
    /// Plans one refill of every subnet without the address-space lock, then records it under the lock. Returns how many
    /// blocks were claimed or released. A refill with nothing to do never takes the lock.
    /// </summary>
    public async Task<int> RefillAsync(CancellationToken cancellationToken)
    {
        WarmSetRefillPlan plan;
        await using (var query = store.QuerySession())
        {
            plan = await PlanAsync(query, ledger, subnets, time.GetUtcNow(), cancellationToken);
        }

        if (plan.Subnets.Count == 0)
        {
            return 0;
        }

        using var partition = await locks.AcquireAsync(IpamPartitions.AddressSpace, cancellationToken);
        await using var unit = sessions.Open(Guid.NewGuid().ToString("N"), "warm-set-refill", nameof(WarmSetRefill));
        var versions = await AddressSpaceLock.HoldAndReadVersionsAsync(unit.Documents, cancellationToken);

        var staged = await StageAsync(unit.Documents, ledger, subnets, versions, plan, unit.Now, cancellationToken);
        var changes = staged.Changes;
        if (changes.Count == 0)
        {
            return 0;
        }

        foreach (var (subnet, @event) in changes)
        {
            LogChange(subnet, @event);
            if (@event is AddressBlockClaimed { InterfaceId: { } interfaceId } claimed)
            {
                unit.Publish(new AttachNetworkInterface(subnet, claimed.Node, interfaceId));
            }
        }

        await unit.CommitAsync(cancellationToken);
        await staged.Committed();
        return changes.Count;
    }

    /// <summary>
    /// Plans one refill of every subnet at <paramref name="now"/> from what is committed, without the address-space
    /// lock, so allocations go on meanwhile. Record it with <see cref="StageAsync"/>.
    /// </summary>
    public static async Task<WarmSetRefillPlan> PlanAsync(IQuerySession session, AddressLedger ledger, SubnetStates states, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The versions are read before the subnets, so a subnet that changes in between fails the check under the lock.
        var versions = await AddressSpaceLock.ReadVersionsAsync(session.DocumentStore, cancellationToken);
        await ledger.CatchUpAsync(session, versions, cancellationToken);

        // A subnet kept at the version just read is used as it is. The others are loaded and not kept, because without
        // the lock a loaded document may be newer than the version read before it.
        var subnets = new List<Subnet>();
        var missing = new List<string>();
        foreach (var (key, version) in versions.Where(entry => entry.Key.StartsWith("subnet/", StringComparison.Ordinal)))
        {
            if (states.At(key["subnet/".Length..], version) is { } kept)
            {
                subnets.Add(kept);
            }
            else
            {
                missing.Add(key);
            }
        }

        if (missing.Count > 0)
        {
            subnets.AddRange(await session.LoadManyAsync<Subnet>(cancellationToken, missing));
        }

        Dictionary<string, IReadOnlyList<BlockState>> blocks;
        using (await ledger.EnterAsync(cancellationToken))
        {
            blocks = SubnetReads.BlocksOf(ledger, subnets);
        }

        return WarmSetRefillPlan.Decide(subnets, blocks, versions, now);
    }

    /// <summary>
    /// Stages a refill of every subnet in <paramref name="session"/>, whose transaction must hold
    /// <see cref="AddressSpaceLock"/>. The result lists each subnet event with its subnet's name, so the caller can
    /// ask for the interfaces of eni claims before it commits. <paramref name="streamVersions"/> are the versions read
    /// with the lock.
    /// It records <paramref name="plan"/> when the plan is still valid, and plans again under the lock otherwise or when
    /// it is null. Call <see cref="StagedRefill.Committed"/> of the result once the commit succeeded.
    /// </summary>
    public static async Task<StagedRefill> StageAsync(
        IDocumentSession session,
        AddressLedger ledger,
        SubnetStates states,
        IReadOnlyDictionary<string, long> streamVersions,
        WarmSetRefillPlan? plan,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await ledger.CatchUpAsync(session, streamVersions, cancellationToken);
        if (plan is not null)
        {
            using (await ledger.EnterAsync(cancellationToken))
            {
                if (plan.IsStillValid(streamVersions, ledger))
                {
                    return Stage(session, ledger, states, plan);
                }
            }
        }

        // The plan missed a change, so this refill plans again from the subnets as they are under the lock.
        var subnets = (await states.ReadAsync(session, streamVersions, cancellationToken)).Select(entry => entry.State).ToList();
        Dictionary<string, IReadOnlyList<BlockState>> blocks;
        using (await ledger.EnterAsync(cancellationToken))
        {
            blocks = SubnetReads.BlocksOf(ledger, subnets);
        }

        // Only this writer holds the lock, so the ledger stays at the versions the plan read until it is staged.
        var replanned = WarmSetRefillPlan.Decide(subnets, blocks, streamVersions, now);
        using (await ledger.EnterAsync(cancellationToken))
        {
            return Stage(session, ledger, states, replanned);
        }
    }

    // The caller is inside the ledger, whose versions the entry is staged at.
    private static StagedRefill Stage(IDocumentSession session, AddressLedger ledger, SubnetStates states, WarmSetRefillPlan plan)
    {
        // The ledger takes one entry per subnet per transaction, so the blocks opened and closed in all subnets are
        // staged at once, in the planned order: a block given back and claimed again in one plan is closed first.
        var changes = plan.Subnets.SelectMany(planned => BlockLedgerChanges.Of(planned.Subnet.Name, planned.Events)).ToList();
        var fold = changes.Count > 0 ? ledger.Stage(session, changes) : null;

        var subnetChanges = new List<(string, object)>();
        var recorded = new List<(PlannedRefill Planned, IReadOnlyList<object> Events)>();
        foreach (var planned in plan.Subnets)
        {
            // The versions were read under the lock, so appending at them fails only if the lock was not held.
            var events = RefillEvents.Grouped(planned.Events);
            session.Events.Append(planned.Subnet.Id, planned.Version + events.Count, [.. events]);
            subnetChanges.AddRange(planned.Events.Select(@event => (planned.Subnet.Name, @event)));
            recorded.Add((planned, events));
        }

        // The allocation committer takes the subnets and the blocks opened from here instead of reading them again.
        return new StagedRefill(subnetChanges, async () =>
        {
            using (await ledger.EnterAsync(CancellationToken.None))
            {
                fold?.Invoke();
            }

            foreach (var (planned, events) in recorded)
            {
                states.Remember(events.Aggregate(planned.Subnet, (state, @event) => SubnetDecider.Evolve(state, @event)!), planned.Version + events.Count);
            }
        });
    }

    private void LogChange(string subnet, object @event)
    {
        switch (@event)
        {
            case AddressBlockClaimed { InterfaceId: { } interfaceId } claimed:
                LogAttachRequested(logger, interfaceId, claimed.Node, subnet, claimed.Cidr);
                break;
            case AddressBlockClaimed claimed:
                LogClaimed(logger, claimed.Cidr, claimed.Node, subnet);
                break;
            case AddressBlockReleased released:
                LogReleased(logger, released.Cidr, subnet, released.Reason);
                break;
        }
    }

    [LoggerMessage(EventId = 3401, Level = LogLevel.Information, Message = "Claimed block {Block} for node {Node} in subnet {Subnet} to refill its warm set")]
    private static partial void LogClaimed(ILogger logger, string block, string node, string subnet);

    [LoggerMessage(EventId = 3402, Level = LogLevel.Information, Message = "Asked to attach interface {InterfaceId} to node {Node} for block {Block} of subnet {Subnet}")]
    private static partial void LogAttachRequested(ILogger logger, string interfaceId, string node, string subnet, string block);

    [LoggerMessage(EventId = 3403, Level = LogLevel.Information, Message = "Gave back block {Block} of subnet {Subnet}: {Reason}")]
    private static partial void LogReleased(ILogger logger, string block, string subnet, string reason);

    [LoggerMessage(EventId = 3404, Level = LogLevel.Warning, Message = "Refilling the warm sets failed; it is tried again at the next interval")]
    private static partial void LogRefillFailed(ILogger logger, Exception exception);
}

/// <summary>A refill staged in a session: each subnet event with its subnet's name, and what to do once it committed.</summary>
public sealed record StagedRefill(IReadOnlyList<(string Subnet, object Event)> Changes, Func<Task> Committed);

/// <summary>How often the warm sets are refilled, bound from <c>Ipam:WarmSets</c>.</summary>
public sealed class WarmSetOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ipam:WarmSets";

    /// <summary>The time between two refills. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = "Ipam:WarmSets:Interval must be between 50 ms and 10 minutes. It is how often nodes' warm sets are refilled.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the refill requests no new interface on a node after an attach there failed. Default 1 minute.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Ipam:WarmSets:AttachFailurePause must be between 0 and 1 day. It is how long no interface is asked for on a node whose last attach failed.")]
    public TimeSpan AttachFailurePause { get; set; } = TimeSpan.FromMinutes(1);
}
