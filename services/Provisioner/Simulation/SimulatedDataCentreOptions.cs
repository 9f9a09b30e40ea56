using System.ComponentModel.DataAnnotations;
using Surge.Provisioner.Faults;
using Surge.Provisioner.Simulation.Clouds;
using Surge.Provisioner.Simulation.NetworkInterfaces;

namespace Surge.Provisioner.Simulation;

/// <summary>
/// The settings of the <c>simulated</c> provider, bound from its provider section <c>SimulatedDataCentre</c>: the time
/// scale, the instance port, per operation a latency distribution and injected faults under
/// <c>SimulatedDataCentre:Operations:&lt;Operation&gt;</c>, the simulated clouds, and their network interfaces.
/// </summary>
/// <remarks>
/// <para>
/// Each provider has a section of its own named after it, so the Kubernetes, private cloud and public cloud providers
/// can get theirs with the same <c>Operations</c> shape (<see cref="OperationFaultOptions"/>) when they are written.
/// </para>
/// <para>
/// The reference latencies, used for an operation whose <c>Latency</c> is not set, are the figures of an IaaS
/// scale-out: three minutes to start a service on a node (<c>StartInstance</c>), five seconds to stop it
/// (<c>StopInstance</c>), three minutes to restart it in place from a new image (<c>UpdateInstance</c>), one minute to create a virtual machine (<c>CreateVm</c>) and three to boot it (<c>BootVm</c>).
/// </para>
/// <para>
/// The older keys <c>InstanceStartLatency</c>, <c>InstanceStopLatency</c>, <c>VmCreateLatency</c>,
/// <c>VmBootLatency</c> and <c>FailureRate</c> still work: each sets the fixed latency, or the start failure rate, of its
/// operation. Setting one together with the <c>Operations</c> key it stands for fails validation.
/// </para>
/// </remarks>
public sealed class SimulatedDataCentreOptions
{
    /// <summary>The configuration section these options bind to, the provider section of the <c>simulated</c> provider.</summary>
    public const string Section = "SimulatedDataCentre";

    /// <summary>The name of the provider these options configure.</summary>
    public const string ProviderName = "simulated";

    /// <summary>
    /// The factor every sampled latency is multiplied by, greater than 0 and at most 1. Default 1, which keeps the
    /// configured latencies. A value of 0.01 turns the three-minute instance start into 1.8 seconds.
    /// </summary>
    [Range(0.0, 1.0, MinimumIsExclusive = true, ErrorMessage = "SimulatedDataCentre:TimeScale must be greater than 0 and at most 1. Use a small value such as 0.01 to speed the simulation up.")]
    public double TimeScale { get; set; } = 1.0;

    /// <summary>
    /// The TCP port every instance listens on at its loopback address. Default 8080. The value 0 gives each instance an ephemeral
    /// port. Instances whose address is not a loopback address always get an ephemeral port on 127.0.0.1.
    /// </summary>
    [Range(0, 65535, ErrorMessage = "SimulatedDataCentre:InstancePort must be between 0 and 65535. Use 0 for an ephemeral port per instance.")]
    public int InstancePort { get; set; } = 8080;

    /// <summary>
    /// The seed of the random numbers that sample latencies and decide injected faults, for repeatable runs. Default
    /// none, which seeds from the system.
    /// </summary>
    public int? Seed { get; set; }

    /// <summary>
    /// The latency distribution and injected faults per operation, keyed by a <see cref="ProviderOperation"/> name
    /// (<c>StartInstance</c>, <c>StopInstance</c>, <c>CreateVm</c>, <c>BootVm</c>, <c>UpdateInstance</c>), in any letter case. Default empty, which
    /// leaves every operation at its reference latency with no injected faults unless an older key below sets them.
    /// </summary>
    public Dictionary<string, OperationFaultOptions> Operations { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The simulated cloud providers that create overflow nodes, keyed by provider name such as <c>private-cloud</c> or
    /// <c>public-cloud</c>. Default empty, which keeps both of those at their reference quota and latencies.
    /// </summary>
    public Dictionary<string, SimulatedCloudOptions> Clouds { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The elastic network interfaces the simulated cloud attaches to nodes: the attach latency and the maximum per node.
    /// Default an attach latency of 5 seconds and at most 8 interfaces per node.
    /// </summary>
    public NetworkInterfaceOptions NetworkInterfaces { get; set; } = new();

    /// <summary>The older form of <c>Operations:StartInstance:Latency</c> with kind Fixed. Default none.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "SimulatedDataCentre:InstanceStartLatency must be between 00:00:00 and 1.00:00:00 (one day).")]
    public TimeSpan? InstanceStartLatency { get; set; }

    /// <summary>The older form of <c>Operations:StopInstance:Latency</c> with kind Fixed. Default none.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "SimulatedDataCentre:InstanceStopLatency must be between 00:00:00 and 1.00:00:00 (one day).")]
    public TimeSpan? InstanceStopLatency { get; set; }

    /// <summary>The older form of <c>Operations:CreateVm:Latency</c> with kind Fixed. Default none.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "SimulatedDataCentre:VmCreateLatency must be between 00:00:00 and 1.00:00:00 (one day).")]
    public TimeSpan? VmCreateLatency { get; set; }

    /// <summary>The older form of <c>Operations:BootVm:Latency</c> with kind Fixed. Default none.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00", ErrorMessage = "SimulatedDataCentre:VmBootLatency must be between 00:00:00 and 1.00:00:00 (one day).")]
    public TimeSpan? VmBootLatency { get; set; }

    /// <summary>The older form of <c>Operations:StartInstance:FailureRate</c>. Default none.</summary>
    [Range(0.0, 1.0, ErrorMessage = "SimulatedDataCentre:FailureRate must be between 0 and 1, for example 0.1 for one failed start in ten.")]
    public double? FailureRate { get; set; }

    /// <summary>Returns the configuration key of <paramref name="operation"/>'s settings, such as <c>SimulatedDataCentre:Operations:StartInstance</c>.</summary>
    public static string OperationKey(ProviderOperation operation) => $"{Section}:{nameof(Operations)}:{operation}";
}
