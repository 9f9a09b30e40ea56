using System.ComponentModel.DataAnnotations;

namespace Surge.Ipam.Allocation;

/// <summary>How long a released address stays out of use, bound from the <c>Ipam</c> section.</summary>
public sealed class AddressQuarantineOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Ipam";

    /// <summary>
    /// The time a released address waits before another instance may get it, so load balancers, DNS caches and
    /// neighbours that still map it to the old instance let that go first. Default 5 minutes; 0 turns quarantine off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Ipam:Quarantine must be between 0 and 1 day.")]
    public TimeSpan Quarantine { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Returns until when an address released at <paramref name="now"/> stays out of use, or null with quarantine off.</summary>
    public DateTimeOffset? QuarantineEnd(DateTimeOffset now) => Quarantine > TimeSpan.Zero ? now + Quarantine : null;
}
