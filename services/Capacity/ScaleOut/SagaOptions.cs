using System.ComponentModel.DataAnnotations;

namespace Surge.Capacity.ScaleOut;

/// <summary>How long each waiting step of a saga may take, bound from the <c>Saga</c> section. Each deadline is stored with the saga.</summary>
public sealed class SagaOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Saga";

    /// <summary>Placement and reservation. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Saga:PlacementTimeout must be between 1 second and 1 hour.")]
    public TimeSpan PlacementTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Cloud nodes created, booted and joined when a scale-out overflows. Default 5 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00", ErrorMessage = "Saga:NodeProvisioningTimeout must be between 1 second and 6 hours.")]
    public TimeSpan NodeProvisioningTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an uncommitted reservation lives before Capacity releases it. Default 1 hour: longer than any saga's steps together.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "7.00:00:00", ErrorMessage = "Saga:ReservationTimeToLive must be between 10 seconds and 7 days.")]
    public TimeSpan ReservationTimeToLive { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Ipam's answer. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Saga:AddressTimeout must be between 1 second and 1 hour.")]
    public TimeSpan AddressTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every instance ready. Default 10 minutes: the reference service start takes three.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00", ErrorMessage = "Saga:InstanceStartTimeout must be between 1 second and 6 hours.")]
    public TimeSpan InstanceStartTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The load balancer's registration. Default 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Saga:BackendTimeout must be between 1 second and 1 hour.")]
    public TimeSpan BackendTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Each undo step's confirmation while compensating. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Saga:UndoTimeout must be between 1 second and 1 hour.")]
    public TimeSpan UndoTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often passed deadlines are looked for. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Saga:DeadlineScanInterval must be between 50 ms and 1 minute.")]
    public TimeSpan DeadlineScanInterval { get; set; } = TimeSpan.FromSeconds(1);
}
