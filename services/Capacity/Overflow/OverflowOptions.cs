using System.ComponentModel.DataAnnotations;
using Surge.Capacity.Scheduling;

namespace Surge.Capacity.Overflow;

/// <summary>The cloud providers pools may overflow into, bound from the <c>Overflow</c> section.</summary>
public sealed class OverflowOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Overflow";

    /// <summary>Providers by name, such as <c>private-cloud</c> and <c>public-cloud</c>.</summary>
    public Dictionary<string, CloudProviderOptions> Providers { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How long an overflow node stays after its last instance left before it is given back. Default 10 minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = "Overflow:IdleNodeReleaseAfter must be between 1 second and 7 days.")]
    public TimeSpan IdleNodeReleaseAfter { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often idle overflow nodes and expired reservations are looked for. Default 5 seconds.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00", ErrorMessage = "Overflow:ScanInterval must be between 100 ms and 1 hour.")]
    public TimeSpan ScanInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The providers as the scheduler sees them.</summary>
    public IReadOnlyList<CloudProvider> ToProviders() =>
    [
        .. Providers.OrderBy(entry => entry.Key, StringComparer.Ordinal).Select(entry => new CloudProvider(
            entry.Key,
            entry.Value.Kind,
            new ResourceAmounts(entry.Value.NodeCpuMillicores, entry.Value.NodeMemoryMiB, entry.Value.NodeDiskGiB, entry.Value.NodeSwapMiB),
            entry.Value.MaxNodes,
            entry.Value.Zones)),
    ];
}

/// <summary>One cloud provider: its kind, the size of the nodes it creates, and how many Surge may hold.</summary>
public sealed class CloudProviderOptions
{
    /// <summary>Private clouds are tried before public ones.</summary>
    public CloudKind Kind { get; set; } = CloudKind.Private;

    /// <summary>Allocatable CPU of each node, in millicores.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "NodeCpuMillicores must be at least 1.")]
    public int NodeCpuMillicores { get; set; } = 16_000;

    /// <summary>Allocatable memory of each node, in MiB.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "NodeMemoryMiB must be at least 1.")]
    public int NodeMemoryMiB { get; set; } = 65_536;

    /// <summary>Local disk quota of each node, in GiB.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "NodeDiskGiB must be 0 or more.")]
    public int NodeDiskGiB { get; set; } = 500;

    /// <summary>Swap of each node, in MiB.</summary>
    [Range(0, int.MaxValue, ErrorMessage = "NodeSwapMiB must be 0 or more.")]
    public int NodeSwapMiB { get; set; }

    /// <summary>How many nodes Surge may hold at the provider at once.</summary>
    [Range(0, 100_000, ErrorMessage = "MaxNodes must be between 0 and 100000.")]
    public int MaxNodes { get; set; } = 20;

    /// <summary>
    /// How long the provider usually takes to create, boot and join nodes. A scale-out that allows less time to capacity
    /// switches degradation on when it has to wait for this provider. Default none: the saga's node provisioning timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "06:00:00", ErrorMessage = "ExpectedProvisioningTime must be between 1 ms and 6 hours.")]
    public TimeSpan? ExpectedProvisioningTime { get; set; }

    /// <summary>The zones new nodes go to, round robin. Required: the configuration binder adds to a list, so a default here could not be replaced.</summary>
    [MinLength(1, ErrorMessage = "Zones needs at least one zone, such as Zones:0=zone-a.")]
    public List<string> Zones { get; set; } = [];
}
