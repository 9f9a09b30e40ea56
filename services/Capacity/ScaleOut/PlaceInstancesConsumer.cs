using JasperFx.Events;
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
/// could over-commit the node. A mismatch reloads the locked node and decides again, up to three times; after that the
/// message fails and is retried on the fresh model.
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

        // Nodes this transaction locked and fetched for writing, kept across attempts: a node is locked once, so a
        // second attempt may only use nodes the first one locked.
        var held = new Dictionary<string, IEventStream<NodeView>>(StringComparer.Ordinal);
        // Awaited cloud nodes matter only to overflow planning, so without providers the query is skipped.
        IReadOnlyDictionary<string, int> pending = overflow.Value.Providers.Count == 0
            ? new Dictionary<string, int>()
            : await PendingCloudNodes.CountAsync(unit.Documents, cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            var (request, result, plan, versions) = await model.UseAsync(
                m =>
                {
                    var request = RequestFor(saga, m.Services.GetValueOrDefault(saga.Service));
                    var (result, plan, versions) = Decide(m, saga, request, pending);
                    return (request, result, plan, versions);
                },
                cancellationToken,
                unit.Documents);
            var decision = result.Succeeded
                ? PlacementDecision.Placed([.. result.Instances.Select(i => new InstancePlacement(i.InstanceId, i.Node, i.Pool, i.Zone, i.Source))])
                : PlacementDecision.Failed(result.FailureReason!, plan);
            var events = ScaleOutDecider.Decide(saga, decision, unit.Now, options.Value);
            if (events.OfType<InstancesPlaced>().FirstOrDefault() is not { } placed)
            {
                LogUnplaced(plan, message.SagaId, saga.Service, decision.FailureReason ?? "");
                await ScaleOutRecorder.RecordAsync(unit, stream, events, cancellationToken);
                return;
            }

            var stale = await HoldAsync(unit, placed, versions, held, cancellationToken);
            if (stale.Count == 0)
            {
                Reserve(unit, saga, request, placed, held);
                LogPlaced(logger, message.SagaId, placed.Placements.Count, saga.Service);
                await ScaleOutRecorder.RecordAsync(unit, stream, events, cancellationToken);
                return;
            }

            // A node changed between the decision and its lock, usually a reservation committed by a finishing saga.
            // Now that the node is locked, reloading it gives the model its final state, and deciding again is exact.
            await model.ReloadAsync(stale, cancellationToken);
            if (attempt == MaxAttempts)
            {
                throw new ModelBehindException(stale);
            }
        }
    }

    private const int MaxAttempts = 3;

    private void LogUnplaced(OverflowPlan? plan, Guid sagaId, string service, string reason)
    {
        if (plan is not null)
        {
            LogOverflow(logger, sagaId, plan.NodeCount, plan.Provider, service, plan.ShortBy);
        }
        else
        {
            LogNotPlaced(logger, sagaId, service, reason);
        }
    }

    // The versions of the chosen nodes are taken with the decision, so the write can tell whether the model it decided
    // on had seen every event of those nodes.
    private (PlacementResult Result, OverflowPlan? Plan, Dictionary<string, long> Versions) Decide(
        CapacityModel capacity,
        ScaleOutState saga,
        PlacementRequest request,
        IReadOnlyDictionary<string, int> pending)
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
        if (capacity.PlanOverflow(request, result.Placeable, overflow.Value.ToProviders(), tried, pending) is not { } chosen)
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
            request.InstanceIds.Count - result.Placeable,
            overflow.Value.Providers.GetValueOrDefault(chosen.Provider.Name)?.ExpectedProvisioningTime);
        return (result, plan, []);
    }

    // The saga's shape contains the requested resources, and the service's declaration adds where its instances may go.
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

    // Locks and fetches the chosen nodes not yet held, and returns those whose version differs from the one the
    // decision saw. A decision that needs a node the first attempt did not lock fails the message instead: taking a
    // further lock while holding others could deadlock with a transaction that locks in ascending order.
    private static async Task<List<string>> HoldAsync(
        OutboxSession unit,
        InstancesPlaced placed,
        IReadOnlyDictionary<string, long> versions,
        Dictionary<string, IEventStream<NodeView>> held,
        CancellationToken cancellationToken)
    {
        var keys = placed.Placements.Select(placement => NodeView.StreamKey(placement.Node)).Distinct().ToList();
        var missing = keys.Where(key => !held.ContainsKey(key)).ToList();
        if (missing.Count > 0 && held.Count > 0)
        {
            throw new ModelBehindException(missing);
        }

        if (missing.Count > 0)
        {
            await NodeLocks.HoldAsync(unit, placed.Placements.Select(placement => placement.Node), cancellationToken);
            foreach (var key in missing)
            {
                held[key] = await unit.Documents.Events.FetchForWriting<NodeView>(key, cancellationToken);
            }
        }

        return [.. keys.Where(key => held[key].CurrentVersion != versions.GetValueOrDefault(key))];
    }

    private void Reserve(OutboxSession unit, ScaleOutState saga, PlacementRequest request, InstancesPlaced placed, Dictionary<string, IEventStream<NodeView>> held)
    {
        var expiresAt = unit.Now + options.Value.ReservationTimeToLive;
        foreach (var byNode in placed.Placements.GroupBy(placement => placement.Node))
        {
            held[NodeView.StreamKey(byNode.Key)].AppendMany(byNode.Select(placement => (object)new NodeResourcesReserved(
                placement.InstanceId, saga.SagaId, saga.Service, request.Shape.CpuMillicores, request.Shape.MemoryMiB, unit.Now,
                request.Shape.DiskGiB, request.Shape.SwapMiB, expiresAt)));
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Scale-out saga {SagaId} placed {Count} instances of {Service}")]
    private static partial void LogPlaced(ILogger logger, Guid sagaId, int count, string service);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Scale-out saga {SagaId} could not place instances of {Service}: {Reason}")]
    private static partial void LogNotPlaced(ILogger logger, Guid sagaId, string service, string reason);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information, Message = "Scale-out saga {SagaId} asks {Provider} for {NodeCount} nodes: {ShortBy} instances of {Service} do not fit")]
    private static partial void LogOverflow(ILogger logger, Guid sagaId, int nodeCount, string provider, string service, int shortBy);
}
