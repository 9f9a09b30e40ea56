using System.ComponentModel.DataAnnotations;

namespace Surge.Ipam.Reconciliation;

/// <summary>How Ipam reconciles its allocations with the providers' inventories, bound from <c>Ipam:Reconciliation</c>.</summary>
public sealed class ReconciliationOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ipam:Reconciliation";

    /// <summary>
    /// How long the providers must keep not reporting an allocation's instance, on a node they can reach, before its
    /// address is released. It must outlast the time from an allocation to the provider recording the instance.
    /// Default 2 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Ipam:Reconciliation:GracePeriod must be between 1 second and 7 days. It is how long an instance must stay unreported before its address is released.")]
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(2);
}
