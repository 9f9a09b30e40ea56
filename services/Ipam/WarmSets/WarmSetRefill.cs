using System.ComponentModel.DataAnnotations;
using Marten;
using Microsoft.Extensions.Options;
using Surge.Contracts.Nodes;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.Ipam.Subnets;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Ipam.WarmSets;

/// <summary>
/// Keeps every node's warm set between the subnet's levels in the background, so a saga's allocation finds an address
/// ready on the node. In an eni subnet a new block is a new interface: the refill records it as not ready and asks the
/// provider to attach it with <see cref="AttachNetworkInterface"/>.
/// </summary>
public sealed partial class WarmSetRefill(
    OutboxSessionFactory sessions,
    AddressLedger ledger,
    PartitionLocks locks,
    IOptions<WarmSetOptions> options,
    TimeProvider time,
    ILogger<WarmSetRefill> logger) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RefillAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogRefillFailed(logger, exception);
            }

            await Task.Delay(options.Value.Interval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Plans and records one refill of every subnet; returns how many blocks were claimed or released.</summary>
    public async Task<int> RefillAsync(CancellationToken cancellationToken)
    {
        using var partition = await locks.AcquireAsync(IpamPartitions.AddressSpace, cancellationToken);
        await using var unit = sessions.Open(Guid.NewGuid().ToString("N"), "warm-set-refill", nameof(WarmSetRefill));
        var versions = await AddressSpaceLock.HoldAndReadVersionsAsync(unit.Documents, cancellationToken);

        var changes = await StageAsync(unit.Documents, ledger, versions, unit.Now, cancellationToken);

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
        return changes.Count;
    }

    /// <summary>
    /// Stages one refill of every subnet in <paramref name="session"/>, whose transaction must hold
    /// <see cref="AddressSpaceLock"/>, and returns each subnet event with its subnet's name; the caller asks for the
    /// interfaces of eni claims and commits. <paramref name="streamVersions"/> are the versions read with the lock.
    /// </summary>
    /// <remarks>
    /// NOTE: each refill reads every subnet document and plans every block while it has the address-space lock, so
    /// allocations wait for it, and its cost grows with the number of blocks. Planning only the subnets whose
    /// report version moved, as the report publisher does, would bound it.
    /// </remarks>
    public static async Task<IReadOnlyList<(string Subnet, object Event)>> StageAsync(
        IDocumentSession session,
        AddressLedger ledger,
        IReadOnlyDictionary<string, long> streamVersions,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        await ledger.CatchUpAsync(session, streamVersions, cancellationToken);
        var subnets = await session.Query<Subnet>().ToListAsync(cancellationToken);
        var planned = new List<(Subnet Subnet, IReadOnlyList<object> Events)>();
        using (await ledger.EnterAsync(cancellationToken))
        {
            var blocks = SubnetReads.BlocksOf(ledger, subnets);
            var opened = new List<(string, BlockEvent)>();
            foreach (var subnet in subnets)
            {
                var events = WarmSetPlanner.Plan(subnet, blocks[subnet.Name], now);
                if (events.Count > 0)
                {
                    planned.Add((subnet, events));
                    opened.AddRange(events.OfType<AddressBlockClaimed>().Select(claim => (BlockState.Key(subnet.Name, claim.Cidr), (BlockEvent)new BlockOpened(subnet.Name, claim.Cidr, claim.Node))));
                }
            }

            // The ledger takes one entry per subnet per transaction, so the blocks opened in all subnets are staged at once.
            if (opened.Count > 0)
            {
                ledger.Stage(session, opened);
            }
        }

        var changes = new List<(string, object)>();
        foreach (var (subnet, events) in planned)
        {
            // The subnet was read under the address-space lock, so the version it was read at is still current.
            var stream = await session.Events.FetchForWriting<Subnet>(subnet.Id, cancellationToken);
            stream.AppendMany(events);
            changes.AddRange(events.Select(@event => (subnet.Name, @event)));
        }

        return changes;
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
