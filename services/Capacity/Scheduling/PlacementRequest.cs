using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Scheduling;

/// <summary>What the scheduler places: a number of instances of one shape for a service whose own pool is given.</summary>
/// <param name="InstanceIds">The ids the new instances get, one per instance, created by the caller so placement stays deterministic.</param>
public sealed record PlacementRequest(
    string Service,
    string OwnPool,
    InstanceShapeSpec Shape,
    IReadOnlyList<Guid> InstanceIds,
    PlacementStrategy Strategy = PlacementStrategy.Spread);
