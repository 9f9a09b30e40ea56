using Microsoft.AspNetCore.Http.HttpResults;
using Surge.Contracts.Addresses;
using Surge.Ipam.Blocks;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Problems;

namespace Surge.Ipam.Allocation;

/// <summary>
/// Allocation and release by HTTP, for instances started outside a saga on nodes a provider reports, such as an
/// operator's replacement for a failed one. They go through the same batches, quarantine and reconciliation as the
/// sagas' allocations, so an address whose instance no provider reports is released after the grace period.
/// </summary>
public static partial class DirectAllocationEndpoints
{
    /// <summary>Maps <c>POST /allocations</c> and <c>DELETE /allocations/instances/{instanceId}</c>.</summary>
    public static IEndpointRouteBuilder MapDirectAllocationEndpoints(this IEndpointRouteBuilder routes)
    {
        var allocations = routes.MapGroup("/allocations").WithTags("Allocations");
        allocations.MapPost("/", Allocate)
            .WithSummary("Gives the instance an address valid on its node, or the one it already holds; 409 when no serving subnet has one.");
        allocations.MapDelete("/instances/{instanceId}", Release)
            .WithSummary("Releases the instance's address into quarantine; 404 when it holds none.");
        return routes;
    }

    /// <summary>Allocates an address to the instance; throws a problem naming the field for bad input, and 409 when no address is left.</summary>
    public static async Task<Created<AllocationResponse>> Allocate(
        DirectAllocationRequest request,
        HttpContext context,
        AllocationCommitter committer,
        CancellationToken cancellationToken)
    {
        var (instanceId, node, pool) = request.Validate();
        var allocate = new AllocateAddresses(Guid.Empty, request.Service ?? "", [new AddressRequest(instanceId, node, pool)]);
        var work = new AllocationWork(Guid.NewGuid().ToString("N"), context.GetCorrelationId(), null, allocate, ViaBroker: false);
        var staged = await committer.AllocateAsync(work, cancellationToken)
            ?? throw new InvalidOperationException($"The committer returned no reply for the allocation of instance {instanceId}, although only messages from the broker can have been handled before.");
        if (staged.Reply is AddressAllocationRejected rejected)
        {
            throw new ResourceConflictException(rejected.Reason);
        }

        var holding = staged.Holdings[0];
        // No Location header: Ipam cannot know the path the gateway exposes it under, and a wrong one misleads.
        return TypedResults.Created((string?)null, AllocationResponse.From(holding));
    }

    /// <summary>Releases the instance's address into quarantine; throws <see cref="ResourceNotFoundException"/> when it holds none.</summary>
    public static async Task<Ok<AllocationResponse>> Release(
        string instanceId,
        HttpContext context,
        OutboxSessionFactory sessions,
        PartitionLocks locks,
        AddressLedger ledger,
        Microsoft.Extensions.Options.IOptions<AddressQuarantineOptions> quarantine,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var id = InstanceIds.Parse("instanceId", instanceId);
        using var partition = await locks.AcquireAsync(IpamPartitions.AddressSpace, cancellationToken);
        await using var unit = sessions.Open(context.GetCorrelationId());
        var versions = await AddressSpaceLock.HoldAndReadVersionsAsync(unit.Documents, cancellationToken);

        AddressHolding holding;
        await ledger.CatchUpAsync(unit.Documents, versions, cancellationToken);
        using (await ledger.EnterAsync(cancellationToken))
        {
            holding = ledger.HoldingOf(id) ?? throw new ResourceNotFoundException("Allocation of instance", id.ToString());
            BlockReleases.Release(unit.Documents, ledger, [holding], "released through the API", quarantine.Value.QuarantineEnd(unit.Now), unit.Now);
        }

        await unit.CommitAsync(cancellationToken);
        LogReleased(loggers.CreateLogger(typeof(DirectAllocationEndpoints)), holding.Id, id);
        return TypedResults.Ok(AllocationResponse.From(holding));
    }

    [LoggerMessage(EventId = 3203, Level = LogLevel.Information, Message = "Released {Address} from instance {InstanceId} through the API")]
    private static partial void LogReleased(ILogger logger, string address, Guid instanceId);
}

/// <summary>The body of <c>POST /allocations</c>.</summary>
/// <param name="InstanceId">The instance's id; the address belongs to this id, never to a name.</param>
/// <param name="Node">The node the instance runs on.</param>
/// <param name="Pool">The node's pool, for subnets that serve pools.</param>
/// <param name="Service">The instance's service, for the audit trail.</param>
public sealed partial record DirectAllocationRequest(Guid? InstanceId, string? Node, string? Pool, string? Service)
{
    [System.Text.RegularExpressions.GeneratedRegex("^[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?$", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex ResourceName();

    private static bool IsResourceName(string name) => ResourceName().IsMatch(name);

    /// <summary>Returns the checked fields, or throws <see cref="RequestValidationException"/> naming each bad one.</summary>
    public (Guid InstanceId, string Node, string Pool) Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (InstanceId is null || InstanceId == Guid.Empty)
        {
            errors["instanceId"] = ["instanceId is missing or empty; give the instance's id as a UUID, because addresses belong to instance ids."];
        }

        if (string.IsNullOrWhiteSpace(Node))
        {
            errors["node"] = ["node is missing; give the node the instance runs on, because an address is valid only on some nodes."];
        }
        else if (!IsResourceName(Node))
        {
            errors["node"] = [$"'{Node}' is not a valid node name; use 1 to 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, as in the fleet file."];
        }

        if (string.IsNullOrWhiteSpace(Pool))
        {
            errors["pool"] = ["pool is missing; give the node's pool, because subnets may serve a pool instead of naming nodes."];
        }
        else if (!IsResourceName(Pool))
        {
            errors["pool"] = [$"'{Pool}' is not a valid pool name; use 1 to 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit, as in the fleet file."];
        }

        if (errors.Count > 0)
        {
            throw new RequestValidationException(errors, "The allocation request is invalid.");
        }

        return (InstanceId!.Value, Node!, Pool!);
    }
}
