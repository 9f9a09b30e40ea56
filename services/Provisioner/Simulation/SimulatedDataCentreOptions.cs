using System.ComponentModel.DataAnnotations;

namespace Surge.Provisioner.Simulation;

/// <summary>Latencies, port and failure rate of the simulated data centre, bound from the <c>SimulatedDataCentre</c> section.</summary>
/// <remarks>
/// The default latencies are the reference numbers of an IaaS scale-out: one minute to create a virtual machine, three
/// to boot it, three to start a service on a node. <see cref="TimeScale"/> shortens all of them at once.
/// </remarks>
public sealed class SimulatedDataCentreOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "SimulatedDataCentre";

    /// <summary>
    /// The factor every latency is multiplied by, greater than 0 and at most 1. Default 1, which keeps the reference
    /// latencies. A value of 0.01 turns the three-minute instance start into 1.8 seconds.
    /// </summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true, ErrorMessage = "SimulatedDataCentre:TimeScale must be greater than 0 and at most 1. Use a small value such as 0.01 to speed the simulation up.")]
    public double TimeScale { get; set; } = 1.0;

    /// <summary>How long starting a service on an existing node takes before <see cref="TimeScale"/>. Default 3 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "SimulatedDataCentre:InstanceStartLatency must be between 00:00:00 and 1.00:00:00 (one day).")]
    public TimeSpan InstanceStartLatency { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How long stopping an instance takes before <see cref="TimeScale"/>. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "SimulatedDataCentre:InstanceStopLatency must be between 00:00:00 and 1.00:00:00 (one day).")]
    public TimeSpan InstanceStopLatency { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long creating a virtual machine takes before <see cref="TimeScale"/>. Default 1 minute.</summary>
    /// <remarks>NOTE: unused until the simulated data centre creates cloud nodes, because only instances on existing nodes are simulated now.</remarks>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "SimulatedDataCentre:VmCreateLatency must be between 00:00:00 and 1.00:00:00 (one day).")]
    public TimeSpan VmCreateLatency { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long booting and self-checking a new virtual machine takes before <see cref="TimeScale"/>. Default 3 minutes.</summary>
    /// <remarks>NOTE: unused until the simulated data centre creates cloud nodes, because only instances on existing nodes are simulated now.</remarks>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "SimulatedDataCentre:VmBootLatency must be between 00:00:00 and 1.00:00:00 (one day).")]
    public TimeSpan VmBootLatency { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>
    /// The TCP port every instance listens on at its loopback address. Default 8080. The value 0 gives each instance an ephemeral
    /// port. Instances whose address is not a loopback address always get an ephemeral port on 127.0.0.1.
    /// </summary>
    [Range(0, 65535, ErrorMessage = "SimulatedDataCentre:InstancePort must be between 0 and 65535. Use 0 for an ephemeral port per instance.")]
    public int InstancePort { get; set; } = 8080;

    /// <summary>The probability, from 0 to 1, that an instance start fails. Default 0.</summary>
    [Range(0.0, 1.0, ErrorMessage = "SimulatedDataCentre:FailureRate must be between 0 and 1, for example 0.1 for one failed start in ten.")]
    public double FailureRate { get; set; }

    /// <summary>The seed of the random numbers that decide failures, for repeatable runs. Default none, which seeds from the system.</summary>
    public int? Seed { get; set; }

    /// <summary>Returns <paramref name="latency"/> multiplied by <see cref="TimeScale"/>.</summary>
    public TimeSpan Scale(TimeSpan latency) => latency * TimeScale;
}
