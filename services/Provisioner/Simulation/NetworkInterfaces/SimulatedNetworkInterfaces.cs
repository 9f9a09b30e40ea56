using Microsoft.Extensions.Options;
using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Simulation.NetworkInterfaces;

/// <summary>
/// The elastic network interfaces of the simulated cloud as configured: the per-node maximum and the attach latency,
/// drawn from its distribution and multiplied by <c>SimulatedDataCentre:TimeScale</c> like every simulated latency.
/// Calls from several threads are safe.
/// </summary>
public sealed class SimulatedNetworkInterfaces
{
    private readonly LatencyDistribution attachLatency;
    private readonly double timeScale;
    private readonly Random random;
    private readonly Lock gate = new();

    /// <summary>Resolves the settings from validated options.</summary>
    public SimulatedNetworkInterfaces(IOptions<SimulatedDataCentreOptions> options)
    {
        var settings = options.Value;
        attachLatency = settings.NetworkInterfaces.AttachLatency is { } distribution
            ? LatencyDistribution.From(distribution)
            : LatencyDistribution.Fixed(NetworkInterfaceOptions.ReferenceAttachLatency);
        MaxPerNode = settings.NetworkInterfaces.MaxPerNode;
        timeScale = settings.TimeScale;

        // A seed of its own keeps the random sequences of instances and cloud nodes the same whether or not interfaces are attached.
        random = settings.Seed is { } seed ? new Random(unchecked(seed + 2)) : new Random();
    }

    /// <summary>How many interfaces one node may have attached or attaching at once.</summary>
    public int MaxPerNode { get; }

    /// <summary>Draws the latency of the next attach, already multiplied by the time scale.</summary>
    public TimeSpan NextAttachLatency()
    {
        // Random is not thread-safe, and attaches to different nodes are requested concurrently.
        lock (gate)
        {
            return attachLatency.Sample(random) * timeScale;
        }
    }
}
