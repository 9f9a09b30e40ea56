using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Surge.Capacity.Overflow;
using Surge.Capacity.Resources;
using Surge.Capacity.ServiceCatalog;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Scheduling;

/// <summary>HTTP API of the inventory: how many more instances of a shape fit, where, and what stops the next one.</summary>
public static class InventoryEndpoints
{
    /// <summary>Maps <c>POST /inventory</c> and <c>GET /inventory/{service}</c>.</summary>
    public static IEndpointRouteBuilder MapInventoryEndpoints(this IEndpointRouteBuilder routes)
    {
        var inventory = routes.MapGroup("/inventory").WithTags("Inventory");
        inventory.MapPost("/", Ask).WithSummary("Counts how many more instances of a shape fit, optionally under a service's pool and spread rules.");
        inventory.MapGet("/{service}", ForService).WithSummary("Counts how many more instances of a declared service fit; ?explain=true lists why each node would reject the next one.");
        return routes;
    }

    /// <summary>Answers for the request's shape; with a service, its pool and spread rules apply and a missing shape means the service's own.</summary>
    public static async Task<Ok<InventoryReport>> Ask(
        InventoryQuery query,
        CapacityModelHost model,
        IQuerySession session,
        IOptions<OverflowOptions> overflow,
        IOptions<SchedulingOptions> scheduling,
        CancellationToken cancellationToken)
    {
        ServiceSpec? service = null;
        if (query.Service is not null)
        {
            service = (await session.LoadAsync<ServiceView>(ServiceView.StreamKey(query.Service), cancellationToken))?.Spec
                ?? throw new ResourceNotFoundException("Service", query.Service);
        }

        var shape = query.Shape ?? service?.Shape;
        Validate(shape);
        var strategy = query.Strategy ?? service?.Strategy ?? scheduling.Value.Strategy;
        var providers = overflow.Value.ToProviders();
        var pending = await Overflow.PendingCloudNodes.CountAsync(session, cancellationToken);
        return TypedResults.Ok(await model.UseAsync(m => m.Inventory(shape!, query.Service, strategy, providers, query.Explain, pending), cancellationToken));
    }

    /// <summary>Answers for a declared service with its own shape.</summary>
    public static Task<Ok<InventoryReport>> ForService(
        string service,
        bool? explain,
        CapacityModelHost model,
        IQuerySession session,
        IOptions<OverflowOptions> overflow,
        IOptions<SchedulingOptions> scheduling,
        CancellationToken cancellationToken) =>
        Ask(new InventoryQuery(null, service, null, explain ?? false), model, session, overflow, scheduling, cancellationToken);

    private static void Validate(InstanceShapeSpec? shape)
    {
        var errors = new SpecErrors();
        if (shape is null)
        {
            errors.Add("shape", "shape is missing. Give the resources of one instance, such as {cpuMillicores: 500, memoryMiB: 512}, or name a service.");
        }
        else
        {
            if (shape.CpuMillicores <= 0)
            {
                errors.Add("shape.cpuMillicores", $"cpuMillicores is {shape.CpuMillicores}; give the CPU of one instance in millicores, such as 500.");
            }

            if (shape.MemoryMiB <= 0)
            {
                errors.Add("shape.memoryMiB", $"memoryMiB is {shape.MemoryMiB}; give the memory of one instance in MiB, such as 512.");
            }

            if (shape.DiskGiB < 0 || shape.SwapMiB < 0)
            {
                errors.Add("shape", "diskGiB and swapMiB must be 0 or more.");
            }

            if (shape.MaxPerNode is < 1 || shape.MaxPerZone is < 1)
            {
                errors.Add("shape", "maxPerNode and maxPerZone must be at least 1 when given.");
            }
        }

        errors.ThrowIfAny("inventory query", "request");
    }
}

/// <summary>The body of <c>POST /inventory</c>.</summary>
/// <param name="Shape">The instance shape to count; optional when a service is named.</param>
/// <param name="Service">A declared service whose pool, lenders, overflow and spread rules apply.</param>
/// <param name="Strategy">Overrides the service's or the default placement strategy.</param>
/// <param name="Explain">Whether the answer lists, for each node, why it would reject the next instance.</param>
public sealed record InventoryQuery(InstanceShapeSpec? Shape, string? Service, PlacementStrategy? Strategy, bool Explain = false);
