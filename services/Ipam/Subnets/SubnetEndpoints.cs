using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Subnets;

/// <summary>The subnet resource: declarative apply, list and read.</summary>
public static partial class SubnetEndpoints
{
    /// <summary>Maps <c>PUT /subnets/{name}</c>, <c>GET /subnets</c> and <c>GET /subnets/{name}</c>.</summary>
    public static IEndpointRouteBuilder MapSubnetEndpoints(this IEndpointRouteBuilder routes)
    {
        var subnets = routes.MapGroup("/subnets").WithTags("Subnets");
        subnets.MapPut("/{name}", ApplySubnet)
            .WithSummary("Creates the subnet or replaces its definition; the same definition again records nothing.");
        subnets.MapGet("/", ListSubnets)
            .WithSummary("All subnets with their usable, allocated and free address counts.");
        subnets.MapGet("/{name}", GetSubnet)
            .WithSummary("One subnet with its usable, allocated and free address counts.");
        return routes;
    }

    /// <summary>Validates the specification and records <see cref="SubnetDefined"/> or <see cref="SubnetChanged"/> when it differs from the current one.</summary>
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

    [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "Subnet {Subnet} {Outcome} with cidr {Cidr} and gateway {Gateway}")]
    private static partial void LogSubnetApplied(ILogger logger, string subnet, string outcome, string cidr, string? gateway);
}
