using Surge.Provisioner.Faults;

namespace Surge.Provisioner.Simulation.Clouds;

/// <summary>
/// The settings of one simulated cloud provider, bound from <c>SimulatedDataCentre:Clouds:&lt;provider&gt;</c>: its node
/// quota and, per <see cref="CloudOperation"/>, a latency distribution and injected faults. Every value that is not set
/// takes the provider's reference value from <see cref="CloudReference"/>.
/// </summary>
public sealed class SimulatedCloudOptions
{
    /// <summary>The largest value <see cref="MaxNodes"/> accepts.</summary>
    public const int MaxNodesLimit = 100_000;

    /// <summary>Returns the configuration key of <paramref name="provider"/>'s settings, such as <c>SimulatedDataCentre:Clouds:private-cloud</c>.</summary>
    public static string Key(string provider) => $"{SimulatedDataCentreOptions.Section}:{nameof(SimulatedDataCentreOptions.Clouds)}:{provider}";

    /// <summary>Returns the configuration key of one operation's settings, such as <c>SimulatedDataCentre:Clouds:private-cloud:Operations:Boot</c>.</summary>
    public static string OperationKey(string provider, CloudOperation operation) => $"{Key(provider)}:{nameof(Operations)}:{operation}";

    /// <summary>
    /// How many nodes of the provider may be live at once, counting nodes still being created. Default none, which
    /// keeps the provider's reference quota (20 for <c>private-cloud</c>, 50 for <c>public-cloud</c>). 0 turns the
    /// provider off.
    /// </summary>
    public int? MaxNodes { get; set; }

    /// <summary>
    /// The latency distribution and injected faults per operation, keyed by a <see cref="CloudOperation"/> name
    /// (<c>CreateVm</c>, <c>Boot</c>, <c>Join</c>) in any letter case. Default empty, which leaves every operation at the
    /// provider's reference latency with no injected faults.
    /// </summary>
    public Dictionary<string, OperationFaultOptions> Operations { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}
