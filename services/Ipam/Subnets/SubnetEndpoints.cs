using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Contracts.Addresses;
using Surge.Ipam.Allocation;
using Surge.Ipam.Blocks;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Subnets;

/// <summary>The subnet resource: declarative apply, list, read, and address reports to Capacity.</summary>
public static partial class SubnetEndpoints
{
    /// <summary>Maps <c>PUT /subnets/{name}</c>, <c>GET /subnets</c>, <c>GET /subnets/{name}</c> and <c>POST /subnets/report</c>.</summary>
    public static IEndpointRouteBuilder MapSubnetEndpoints(this IEndpointRouteBuilder routes)
    {
        var subnets = routes.MapGroup("/subnets").WithTags("Subnets");
        subnets.MapPut("/{name}", ApplySubnet)
            .WithSummary("Creates the subnet or replaces its definition; the same definition again records nothing.");
        subnets.MapGet("/", ListSubnets)
            .WithSummary("All subnets with their usable, allocated and free address counts.");
        subnets.MapGet("/{name}", GetSubnet)
            .WithSummary("One subnet with its usable, allocated and free address counts.");
        subnets.MapPost("/report", ReportSubnets)
            .WithSummary("Publishes every subnet's usable and taken address counts to Capacity, so it can catch up after a restart or a lost message.");
        return routes;
    }

    /// <summary>
    /// Validates the specification and records <see cref="SubnetDefined"/> or <see cref="SubnetChanged"/> when it
    /// differs from the current one, together with the subnet's <see cref="SubnetAddressesReported"/>.
    /// </summary>
    public static async Task<Ok<SubnetApplyResult>> ApplySubnet(
        string name,
        SubnetSpec spec,
        HttpContext context,
        OutboxSessionFactory sessions,
        IDocumentStore store,
        AddressLedger ledger,
        PartitionLocks locks,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        using var partition = await locks.AcquireAsync(IpamPartitions.AddressSpace, cancellationToken);
        await using var unit = sessions.Open(context.GetCorrelationId());
        await AddressSpaceLock.HoldAsync(unit.Documents, cancellationToken);

        var others = await unit.Documents.Query<Subnet>()
            .Where(subnet => subnet.Name != name)
            .Select(subnet => new { subnet.Name, subnet.Cidr })
            .ToListAsync(cancellationToken);
        var definition = SubnetSpecValidator.Validate(name, spec, others.ToDictionary(other => other.Name, other => other.Cidr));

        var stream = await unit.Documents.Events.FetchForWriting<Subnet>(Subnet.StreamKey(name), cancellationToken);
        var blocks = stream.Aggregate is null ? [] : (await SubnetReads.BlocksOfAsync(unit.Documents, ledger, [stream.Aggregate], cancellationToken))[name];
        var events = SubnetDecider.Decide(stream.Aggregate, new DefineSubnet(name, definition), blocks, unit.Now);
        var outcome = stream.Aggregate is null ? SubnetApplyResult.Created
            : events.Count == 0 ? SubnetApplyResult.Unchanged
            : SubnetApplyResult.Updated;

        Action? foldClosed = null;
        if (events.Count > 0)
        {
            stream.AppendMany(events);

            // The blocks this change gives back are closed in the address ledger in the same transaction. The ledger
            // was caught up under the lock when the blocks were read above.
            var closed = BlockLedgerChanges.Of(name, events).ToList();
            if (closed.Count > 0)
            {
                using (await ledger.EnterAsync(cancellationToken))
                {
                    foldClosed = ledger.Stage(unit.Documents, closed);
                }
            }

            // Holding the address-space lock, no other writer commits before this transaction, so the version read
            // now plus these events is the version the subnet has after the commit.
            var versions = await SubnetReportPublisher.ReportVersionsAsync(store, cancellationToken);
            var after = events.Aggregate(stream.Aggregate, SubnetDecider.Evolve)!;
            var liveBlocks = blocks.Where(block => after.Blocks.Any(claimed => claimed.Cidr == block.Cidr)).ToList();
            var version = versions.GetValueOrDefault(name) + events.Count + (foldClosed is null ? 0 : 1);
            var withdrawn = stream.Aggregate is null ? [] : SubnetAddressReports.Withdrawn(stream.Aggregate, after, version, unit.Now);
            foreach (var report in SubnetAddressReports.Of(after, liveBlocks, version, unit.Now).Concat(withdrawn))
            {
                unit.Publish(report);
            }

            await unit.CommitAsync(cancellationToken);
            if (foldClosed is not null)
            {
                using (await ledger.EnterAsync(CancellationToken.None))
                {
                    foldClosed();
                }
            }

            LogSubnetApplied(loggers.CreateLogger(typeof(SubnetEndpoints)), name, outcome, definition.Cidr, definition.Gateway);
        }

        return TypedResults.Ok(new SubnetApplyResult("Subnet", name, outcome));
    }

    /// <summary>Returns every subnet, ordered by name.</summary>
    public static async Task<Ok<SubnetResponse[]>> ListSubnets(IQuerySession session, AddressLedger ledger, TimeProvider time, CancellationToken cancellationToken)
    {
        var subnets = await session.Query<Subnet>().OrderBy(subnet => subnet.Name).ToListAsync(cancellationToken);
        var blocks = await SubnetReads.BlocksOfAsync(session, ledger, subnets, cancellationToken);
        var now = time.GetUtcNow();
        return TypedResults.Ok(subnets.Select(subnet => SubnetResponse.From(subnet, blocks[subnet.Name], now)).ToArray());
    }

    /// <summary>Returns one subnet; throws <see cref="ResourceNotFoundException"/> when it does not exist.</summary>
    public static async Task<Ok<SubnetResponse>> GetSubnet(string name, IQuerySession session, AddressLedger ledger, TimeProvider time, CancellationToken cancellationToken)
    {
        var subnet = await session.LoadAsync<Subnet>(Subnet.StreamKey(name), cancellationToken)
            ?? throw new ResourceNotFoundException("Subnet", name);
        var blocks = await SubnetReads.BlocksOfAsync(session, ledger, [subnet], cancellationToken);
        return TypedResults.Ok(SubnetResponse.From(subnet, blocks[name], time.GetUtcNow()));
    }

    /// <summary>
    /// Publishes a <see cref="SubnetAddressesReported"/> for every subnet at its current stream version, ordered by
    /// name, and returns the reports. The reports are stored in the outbox and sent after the commit.
    /// </summary>
    public static async Task<Ok<SubnetAddressesReported[]>> ReportSubnets(
        HttpContext context,
        OutboxSessionFactory sessions,
        IDocumentStore store,
        AddressLedger ledger,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        await using var unit = sessions.Open(context.GetCorrelationId());

        // This takes no partition lock and appends nothing, because every report carries its subnet's version. A report
        // read while another writer commits is older than that writer's own report, which supersedes it.
        var versions = await SubnetReportPublisher.ReportVersionsAsync(store, cancellationToken);
        var subnets = await unit.Documents.Query<Subnet>().ToListAsync(cancellationToken);
        var blocks = await SubnetReads.BlocksOfAsync(unit.Documents, ledger, subnets, cancellationToken);
        var reports = subnets
            .SelectMany(subnet => SubnetAddressReports.Of(subnet, blocks[subnet.Name], versions.GetValueOrDefault(subnet.Name), unit.Now))
            .OrderBy(report => report.Subnet, StringComparer.Ordinal)
            .ToArray();
        if (reports.Length == 0)
        {
            return TypedResults.Ok(reports);
        }

        foreach (var report in reports)
        {
            unit.Publish(report);
        }

        await unit.CommitAsync(cancellationToken);
        LogSubnetsReported(loggers.CreateLogger(typeof(SubnetEndpoints)), reports.Length);
        return TypedResults.Ok(reports);
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Subnet {Subnet} {Outcome} with cidr {Cidr} and gateway {Gateway}")]
    private static partial void LogSubnetApplied(ILogger logger, string subnet, string outcome, string cidr, string? gateway);

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Published the address reports of {Count} subnets")]
    private static partial void LogSubnetsReported(ILogger logger, int count);
}
