using System.ComponentModel.DataAnnotations;

namespace Surge.Rollout.Saga;

/// <summary>How long each waiting step of a rollout may take, bound from the <c>Rollout</c> section. Each deadline is stored with the rollout.</summary>
public sealed class RolloutOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Rollout";

    /// <summary>The provisioner's list of running instances. Default 30 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Rollout:DescribeTimeout must be between 1 second and 1 hour.")]
    public TimeSpan DescribeTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Every instance of a batch updated and ready. Default 10 minutes: the reference service start takes three.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00", ErrorMessage = "Rollout:UpdateTimeout must be between 1 second and 6 hours.")]
    public TimeSpan UpdateTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The scale-out and the scale-in of a recreate batch, each. Capacity's sagas end by their own deadlines, so this only
    /// guards against a Capacity that never answers. Default 30 minutes.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "06:00:00", ErrorMessage = "Rollout:RecreateStepTimeout must be between 1 second and 6 hours.")]
    public TimeSpan RecreateStepTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long the load balancer waits for requests in flight when a request names no drain timeout. Default 60 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Rollout:DefaultDrainTimeout must be between 1 second and 1 hour.")]
    public TimeSpan DefaultDrainTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a participant's reply may take beyond its own work (the drain timeout, the measurement window, the HTTP
    /// check timeout), and the whole time for restoring weights. Default 30 seconds.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Rollout:ReplyTimeout must be between 1 second and 1 hour.")]
    public TimeSpan ReplyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one instance's HTTP check may take. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00", ErrorMessage = "Rollout:HttpCheckTimeout must be between 100 ms and 5 minutes.")]
    public TimeSpan HttpCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The weight a drained instance gets back. Default 1, the weight the load balancer registers backends with.</summary>
    [Range(1, 1000, ErrorMessage = "Rollout:RestoreWeight must be between 1 and 1000.")]
    public int RestoreWeight { get; set; } = 1;

    /// <summary>How often passed deadlines are looked for. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = "Rollout:DeadlineScanInterval must be between 50 ms and 1 minute.")]
    public TimeSpan DeadlineScanInterval { get; set; } = TimeSpan.FromSeconds(1);
}
