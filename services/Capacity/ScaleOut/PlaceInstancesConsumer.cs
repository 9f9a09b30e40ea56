using Marten;
using Microsoft.Extensions.Options;
using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.Scheduling;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Placement;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleOut;

/// <summary>Places a saga's instances on nodes and reserves their resources in the saga's transaction.</summary>
/// <remarks>
/// All placements in a process share one partition, and across processes they take turns on a PostgreSQL advisory
/// lock, so two sagas never pick the same free resources at once. Each chosen node is also fetched for writing and
/// locked like every node write, so a reservation change that slips in between still fails the commit with a version
/// conflict, and the retried message places again on fresh state.
/// </remarks>
public sealed partial class PlaceInstancesConsumer(ConsumerServices services, IOptions<SagaOptions> options, ILogger<PlaceInstancesConsumer> logger)
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

        var decision = await PlaceAsync(unit.Documents, saga, cancellationToken);
        var events = ScaleOutDecider.Decide(saga, decision, unit.Now, options.Value);
        if (events.OfType<InstancesPlaced>().FirstOrDefault() is { } placed)
        {
            await ReserveAsync(unit, saga, placed, cancellationToken);
            LogPlaced(logger, message.SagaId, placed.Placements.Count, saga.Service);
        }
        else
        {
            LogNotPlaced(logger, message.SagaId, saga.Service, decision.FailureReason ?? "");
        }

        await ScaleOutRecorder.RecordAsync(unit, stream, events, cancellationToken);
    }

    // Every placement reads all nodes and writes a few; two Capacity replicas placing at once would mostly collide on
    // node versions and retry until their deadlines. A transaction-scoped advisory lock makes placements take turns
    // across processes, and PostgreSQL releases it at commit or rollback, also when the process dies.
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

    private static async Task<PlacementDecision> PlaceAsync(IDocumentSession session, ScaleOutState saga, CancellationToken cancellationToken)
    {
        var nodes = await session.Query<NodeView>().ToListAsync(cancellationToken);
        var pools = await session.Query<PoolView>().ToListAsync(cancellationToken);
        var services = await session.Query<ServiceView>().ToListAsync(cancellationToken);

        var instanceIds = Enumerable.Range(0, saga.RequestedCount).Select(_ => Guid.CreateVersion7()).ToList();
        var request = new PlacementRequest(saga.Service, saga.Pool, new InstanceShapeSpec(saga.Shape.CpuMillicores, saga.Shape.MemoryMiB), instanceIds);
        return Scheduler.Place(request, nodes, pools, services.ToDictionary(service => service.Name, service => service.Spec.Pool));
    }

    private static async Task ReserveAsync(OutboxSession unit, ScaleOutState saga, InstancesPlaced placed, CancellationToken cancellationToken)
    {
        await NodeLocks.HoldAsync(unit, placed.Placements.Select(placement => placement.Node), cancellationToken);
        foreach (var byNode in placed.Placements.GroupBy(placement => placement.Node))
        {
            var node = await unit.Documents.Events.FetchForWriting<NodeView>(NodeView.StreamKey(byNode.Key), cancellationToken);
            node.AppendMany(byNode.Select(placement => (object)new NodeResourcesReserved(
                placement.InstanceId, saga.SagaId, saga.Service, saga.Shape.CpuMillicores, saga.Shape.MemoryMiB, unit.Now)));
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "Scale-out saga {SagaId} placed {Count} instances of {Service}")]
    private static partial void LogPlaced(ILogger logger, Guid sagaId, int count, string service);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "Scale-out saga {SagaId} could not place instances of {Service}: {Reason}")]
    private static partial void LogNotPlaced(ILogger logger, Guid sagaId, string service, string reason);
}
