using System.ComponentModel.DataAnnotations;

namespace Surge.ServiceDefaults.Options;

/// <summary>Settings every Surge service shares, bound from the <c>Surge</c> section.</summary>
public sealed class SurgeOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Surge";

    /// <summary>The service's name as the audit API reports it in each event's <c>service</c> field.</summary>
    [Required]
    public string ServiceName { get; set; } = "";
}
