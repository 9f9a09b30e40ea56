using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Simulation.NetworkInterfaces;

/// <summary>
/// The settings of the simulated cloud's elastic network interfaces, bound from
/// <c>SimulatedDataCentre:NetworkInterfaces</c>: how long an attach takes and how many interfaces a node may have.
/// </summary>
public sealed class NetworkInterfaceOptions
{
    /// <summary>The configuration key of these settings.</summary>
    public const string Key = $"{SimulatedDataCentreOptions.Section}:{nameof(SimulatedDataCentreOptions.NetworkInterfaces)}";

    /// <summary>The largest value <see cref="MaxPerNode"/> accepts.</summary>
    public const int MaxPerNodeLimit = 1000;

    /// <summary>The attach latency before <c>TimeScale</c> when <see cref="AttachLatency"/> is not set: 5 seconds.</summary>
    public static readonly TimeSpan ReferenceAttachLatency = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The latency distribution of one attach, before <c>SimulatedDataCentre:TimeScale</c>. Default none, which keeps the
    /// reference latency of 5 seconds.
    /// </summary>
    public LatencyOptions? AttachLatency { get; set; }

    /// <summary>
    /// How many interfaces one node may have attached or attaching at once, from 0 to 1000. Default 8. 0 rejects every
    /// attach.
    /// </summary>
    public int MaxPerNode { get; set; } = 8;
}
