using Surge.Capacity.ServiceCatalog;

namespace Surge.Benchmarks.Scheduler;

/// <summary>A scheduler under test, holding its own copy of the fleet.</summary>
public interface IPlacementEngine
{
    /// <summary>A short name for the report.</summary>
    string Name { get; }

    /// <summary>
    /// Chooses a node for every instance of the request and records the reservations in the fleet as events. Returns the
    /// chosen node of each instance in order, or null without recording anything when not every instance fits.
    /// </summary>
    IReadOnlyList<string>? PlaceAndReserve(WorkloadRequest request);

    /// <summary>Records that the instance's saga committed its reservation.</summary>
    void Commit(Guid instanceId, DateTimeOffset at);

    /// <summary>Records that the instance was removed and its reservation released.</summary>
    void Release(Guid instanceId, DateTimeOffset at);

    /// <summary>Returns how many more instances of the query's shape fit on existing nodes.</summary>
    long Inventory(InventoryQuery query);
}

/// <summary>One placement request of the workload: instances of one service with its shape and strategy.</summary>
public sealed record WorkloadRequest(
    string Service,
    string OwnPool,
    InstanceShapeSpec Shape,
    PlacementStrategy Strategy,
    IReadOnlyList<Guid> InstanceIds,
    Guid SagaId,
    DateTimeOffset At);

/// <summary>One inventory question: how many more of this shape fit, for a service or, with none, in every pool.</summary>
public sealed record InventoryQuery(InstanceShapeSpec Shape, string? Service, PlacementStrategy Strategy);
