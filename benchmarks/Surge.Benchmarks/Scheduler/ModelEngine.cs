using Surge.Capacity.Nodes;
using Surge.Capacity.Scheduling;

namespace Surge.Benchmarks.Scheduler;

/// <summary>Capacity's in-memory model: places with <see cref="CapacityModel.Place"/> and applies the reservations as node events.</summary>
public sealed class ModelEngine(CapacityModel model, IReadOnlyList<CloudProvider> providers) : IPlacementEngine
{
    private readonly Dictionary<Guid, string> nodeOf = [];

    /// <inheritdoc />
    public string Name => "capacity model";

    /// <summary>Adds the running instances of the fleet, so they can be released by id.</summary>
    public void Track(EventLog log)
    {
        foreach (var entry in log.Events)
        {
            if (entry.Data is NodeResourcesReserved reserved)
            {
                nodeOf[reserved.InstanceId] = entry.StreamKey[(entry.StreamKey.IndexOf('/') + 1)..];
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string>? PlaceAndReserve(WorkloadRequest request)
    {
        var result = model.Place(new PlacementRequest(request.Service, request.OwnPool, request.Shape, request.InstanceIds, request.Strategy));
        if (!result.Succeeded)
        {
            return null;
        }

        var nodes = new string[result.Instances.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            var instance = result.Instances[i];
            Apply(instance.Node, Workload.Reserved(instance.InstanceId, request.SagaId, request.Service, request.Shape, request.At));
            nodeOf[instance.InstanceId] = instance.Node;
            nodes[i] = instance.Node;
        }

        return nodes;
    }

    /// <inheritdoc />
    public void Commit(Guid instanceId, DateTimeOffset at) => Apply(nodeOf[instanceId], new ReservationCommitted(instanceId, at));

    /// <inheritdoc />
    public void Release(Guid instanceId, DateTimeOffset at)
    {
        Apply(nodeOf[instanceId], new ReservationReleased(instanceId, "scaled in", at));
        nodeOf.Remove(instanceId);
    }

    /// <inheritdoc />
    public long Inventory(InventoryQuery query) => model.Inventory(query.Shape, query.Service, query.Strategy, providers).Fits;

    // The stream's next version is what the append to the node's stream returned in the service.
    private void Apply(string node, object data)
    {
        var stream = NodeView.StreamKey(node);
        EventLog.Apply(model, new StreamEvent(stream, model.VersionOf(stream) + 1, data));
    }
}
