using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Scheduling;

/// <summary>Scheduler defaults, bound from the <c>Scheduling</c> section.</summary>
public sealed class SchedulingOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Scheduling";

    /// <summary>How nodes are ranked for services that name no strategy. Default spread.</summary>
    public PlacementStrategy Strategy { get; set; } = PlacementStrategy.Spread;
}
