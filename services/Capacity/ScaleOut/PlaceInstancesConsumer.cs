using Marten;
using Microsoft.Extensions.Options;
using Surge.Capacity.Nodes;
using Surge.Capacity.Overflow;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Nodes;
using Surge.Contracts.Placement;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleOut;

/// <summary>Places a saga's instances on nodes and reserves their resources in the saga's transaction.</summary>
/// <remarks>
/// Placement reads the process's capacity model, brought up to date from the event store first. All placements in a
/// process share one partition, and across processes they take turns on a PostgreSQL advisory lock. Before writing,
/// each chosen node is locked and its stream version compared with the model's, because a model that missed an event
/// could over-commit the node. A mismatch reloads the node and fails the attempt; the retried message places again on
/// the fresh model.
/// </remarks>
public sealed partial class PlaceInstancesConsumer(
    ConsumerServices services,
    CapacityModelHost model,
    IOptions<SagaOptions> options,
    IOptions<OverflowOptions> overflow,
    IOptions<SchedulingOptions> scheduling,
    ILogger<PlaceInstancesConsumer> logger)
    : TransactionalConsumer<PlaceInstances>(services)
{
    /// <inheritdoc />
    protected override string PartitionKey(PlaceInstances message) => "placement";

    /// <inheritdoc />
    protected override async Task HandleAsync(PlaceInstances message, OutboxSession unit, CancellationToken cancellationToken)
    {
        await LockPlacementAcrossProcessesAsync(unit.Documents, cancellationToken);
        var stream = await unit.Documents.Events.FetchForWriting<ScaleOutState>(ScaleOutState.StreamKey(message.SagaId), cancellationToken);
        var saga = stream.Aggregate;
        if (saga is null || saga.Status != ScaleOutStatus.Requested)
        {
            return;
        }

        var (request, result, plan, versions) = await model.UseAsync(
            m =>
            {
                var request = RequestFor(saga, m.Services.GetValueOrDefault(saga.Service));
                var (result, plan, versions) = Decide(m, saga, request);
                return (request, result, plan, versions);
            },
            cancellationToken,
            unit.Documents);
        var decision = result.Succeeded
            ? PlacementDecision.Placed([.. result.Instances.Select(i => new InstancePlacement(i.InstanceId, i.Node, i.Pool, i.Zone, i.Source))])
            : PlacementDecision.Failed(result.FailureReason!, plan);
        var events = ScaleOutDecider.Decide(saga, decision, unit.Now, options.Value);
        if (events.OfType<InstancesPlaced>().FirstOrDefault() is { } placed)
        {
            await ReserveAsync(unit, saga, request, placed, versions, cancellationToken);
            LogPlaced(logger, message.SagaId, placed.Placements.Count, saga.Service);
        }
        else if (plan is not null)
        {
            LogOverflow(logger, message.SagaId, plan.NodeCount, plan.Provider, saga.Service, plan.ShortBy);
        }
        else
        {
            LogNotPlaced(logger, message.SagaId, saga.Service, decision.FailureReason ?? "");
        }

        await ScaleOutRecorder.RecordAsync(unit, stream, events, cancellationToken);
    }

    // The versions of the chosen nodes are taken with the decision, so the write can tell whether the model it decided
    // on had seen every event of those nodes.
    private (PlacementResult Result, OverflowPlan? Plan, Dictionary<string, long> Versions) Decide(CapacityModel capacity, ScaleOutState saga, PlacementRequest request)
    {
        var result = capacity.Place(request);
        if (result.Succeeded)
        {
            var versions = result.Instances
                .Select(instance => NodeView.StreamKey(instance.Node))
                .Distinct()
                .ToDictionary(key => key, capacity.VersionOf, StringComparer.Ordinal);
            return (result, null, versions);
        }

        var tried = saga.Overflow.Select(attempt => attempt.Provider).ToHashSet(StringComparer.Ordinal);
        if (capacity.PlanOverflow(request, result.Placeable, overflow.Value.ToProviders(), tried) is not { } chosen)
        {
            return (result, null, []);
        }

        var size = chosen.Provider.NodeSize;
        var plan = new OverflowPlan(
            Guid.CreateVersion7(),
            chosen.Provider.Name,
            chosen.NodeCount,
            new NodeSize((int)size.CpuMillicores, (int)size.MemoryMiB, (int)size.DiskGiB, (int)size.SwapMiB),
            chosen.Provider.Zones,
            request.InstanceIds.Count - result.Placeable);
        return (result, plan, []);
    }

    // The saga's shape holds the resources it was asked for; the service's declaration adds where its instances may go.
    private PlacementRequest RequestFor(ScaleOutState saga, ServiceSpec? service)
    {
        var declared = service?.Shape;
        var shape = new InstanceShapeSpec(
            saga.Shape.CpuMillicores,
            saga.Shape.MemoryMiB,
            declared?.DiskGiB ?? 0,
            declared?.SwapMiB ?? 0,
            declared?.MaxPerNode,
            declared?.MaxPerZone,
            declared?.RequiredLabels,
            declared?.Tolerations);
        var instanceIds = Enumerable.Range(0, saga.RequestedCount).Select(_ => Guid.CreateVersion7()).ToList();
        return new PlacementRequest(saga.Service, saga.Pool, shape, instanceIds, service?.Strategy ?? scheduling.Value.Strategy);
    }

    // Every placement reads the whole model and writes a few nodes; two Capacity replicas placing at once would mostly
    // collide on node versions. A transaction-scoped advisory lock makes placements take turns across processes, and
    // PostgreSQL releases it at commit or rollback, also when the process dies.
    private static async Task LockPlacementAcrossProcessesAsync(IDocumentSession session, CancellationToken cancellationToken)
    {
        await session.BeginTransactionAsync(cancellationToken);
        await using var command = session.Connection!.CreateCommand();
        command.CommandText = "select pg_advisory_xact_lock(@key)";
        command.Parameters.Add(new Npgsql.NpgsqlParameter("key", PlacementLockKey));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The advisory lock key of placement: "Surge" in ASCII followed by 1, unique within the service's database.</summary>
    private const long PlacementLockKey = 0x5375_7267_6500_0001;

    private async Task ReserveAsync(OutboxSession unit, ScaleOutState saga, PlacementRequest request, InstancesPlaced placed,
        IReadOnlyDictionary<string, long> versions,
        CancellationToken cancellationToken)
    {
        await NodeLocks.HoldAsync(unit, placed.Placements.Select(placement => placement.Node), cancellationToken);
        var expiresAt = unit.Now + options.Value.ReservationTimeToLive;
        var stale = new List<string>();
        foreach (var byNode in placed.Placements.GroupBy(placement => placement.Node))
        {
            var key = NodeView.StreamKey(byNode.Key);
            var node = await unit.Documents.Events.FetchForWriting<NodeView>(key, cancellationToken);
            if (node.CurrentVersion != versions.GetValueOrDefault(key))
            {
                stale.Add(key);
                continue;
            }

            node.AppendMany(byNode.Select(placement => (object)new NodeResourcesReserved(
                placement.InstanceId, saga.SagaId, saga.Service, request.Shape.CpuMillicores, request.Shape.MemoryMiB, unit.Now,
                request.Shape.DiskGiB, request.Shape.SwapMiB, expiresAt)));
        }

        if (stale.Count > 0)
        {
            await model.ReloadAsync(stale, cancellationToken);
            throw new ModelBehindException(stale);
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Scale-out saga {SagaId} placed {Count} instances of {Service}")]
    private static partial void LogPlaced(ILogger logger, Guid sagaId, int count, string service);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Scale-out saga {SagaId} could not place instances of {Service}: {Reason}")]
    private static partial void LogNotPlaced(ILogger logger, Guid sagaId, string service, string reason);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Scale-out saga {SagaId} asks {Provider} for {NodeCount} nodes: {ShortBy} instances of {Service} do not fit")]
    private static partial void LogOverflow(ILogger logger, Guid sagaId, int nodeCount, string provider, string service, int shortBy);
}
