using System.ComponentModel.DataAnnotations;

namespace Surge.Capacity.ScaleIn;

/// <summary>
/// The scale-in saga's own timeouts, bound from the <c>Saga</c> section next to the shared ones in
/// <see cref="ScaleOut.SagaOptions"/> (<c>Saga:BackendTimeout</c> and <c>Saga:AddressTimeout</c> apply to scale-in too).
/// </summary>
public sealed class ScaleInOptions
{
    /// <summary>The longest drain timeout a request may ask for.</summary>
    public static readonly TimeSpan MaxDrainTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How long the load balancer lets requests in flight finish when a request names no drain timeout. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Saga:DefaultDrainTimeout must be between 0 and 10 minutes.")]
    public TimeSpan DefaultDrainTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long after an alarm-driven scale-out no scale-in takes instances from the pools it placed in. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "Saga:PoolProtectionAfterAlarm must be between 0 and 1 day.")]
    public TimeSpan PoolProtectionAfterAlarm { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How long the provisioner may take to stop the victims. Default 2 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Saga:InstanceStopTimeout must be between 1 second and 1 hour.")]
    public TimeSpan InstanceStopTimeout { get; set; } = TimeSpan.FromMinutes(2);
}
