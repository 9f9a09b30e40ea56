using System.ComponentModel.DataAnnotations;

namespace Surge.Provisioner.Inventory;

/// <summary>How often the Provisioner reports the instances it runs, bound from the <c>Provisioner:InventoryReports</c> section.</summary>
public sealed class InventoryReportOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Provisioner:InventoryReports";

    /// <summary>The time between two inventory reports, from 1 second to 1 hour. Default 10 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Provisioner:InventoryReports:Interval must be between 00:00:01 (one second) and 01:00:00 (one hour). Set it to a duration such as 00:00:10.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(10);
}
