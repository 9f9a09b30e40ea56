using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Contracts.Addresses;
using Surge.Ipam.Allocation;
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
        var events = SubnetDecider.Decide(stream.Aggregate, new DefineSubnet(name, definition));
        var outcome = stream.Aggregate is null ? SubnetApplyResult.Created
            : events.Count == 0 ? SubnetApplyResult.Unchanged
            : SubnetApplyResult.Updated;

        if (events.Count > 0)
        {
            stream.AppendMany(events);
            foreach (var report in SubnetAddressReports.ForChangedStreams([stream], unit.Now))
            {
                unit.Publish(report);
            }

            await unit.CommitAsync(cancellationToken);
            LogSubnetApplied(loggers.CreateLogger(typeof(SubnetEndpoints)), name, outcome, definition.Cidr, definition.Gateway);
        }

        return TypedResults.Ok(new SubnetApplyResult("Subnet", name, outcome));
    }

    /// <summary>Returns every subnet, ordered by name.</summary>
    public static async Task<Ok<SubnetResponse[]>> ListSubnets(IQuerySession session, CancellationToken cancellationToken)
    {
        var subnets = await session.Query<Subnet>().OrderBy(subnet => subnet.Name).ToListAsync(cancellationToken);
        return TypedResults.Ok(subnets.Select(SubnetResponse.From).ToArray());
    }

    /// <summary>Returns one subnet; throws <see cref="ResourceNotFoundException"/> when it does not exist.</summary>
    public static async Task<Ok<SubnetResponse>> GetSubnet(string name, IQuerySession session, CancellationToken cancellationToken)
    {
        var subnet = await session.LoadAsync<Subnet>(Subnet.StreamKey(name), cancellationToken)
            ?? throw new ResourceNotFoundException("Subnet", name);
        return TypedResults.Ok(SubnetResponse.From(subnet));
    }

    /// <summary>
    /// Publishes a <see cref="SubnetAddressesReported"/> for every subnet at its current stream version, ordered by
    /// name, and returns the reports. The reports are stored in the outbox and sent after the commit.
    /// </summary>
    public static async Task<Ok<SubnetAddressesReported[]>> ReportSubnets(
        HttpContext context,
        OutboxSessionFactory sessions,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        await using var unit = sessions.Open(context.GetCorrelationId());

        // This takes no partition lock and appends nothing, because every report carries its stream's version. A report
        // read while another writer commits is older than that writer's own report, which supersedes it.
        var streams = await SubnetStreams.FetchAllForWritingAsync(unit.Documents, cancellationToken);
        var reports = streams.Values
            .Select(stream => SubnetAddressReports.Of(stream.Aggregate!, stream.StartingVersion ?? 0, unit.Now))
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
