namespace Surge.Provisioner.Simulation.Clouds;

/// <summary>A step of bringing up one simulated cloud node, each with its own latency distribution and injected faults.</summary>
/// <remarks>The names are the keys under <c>SimulatedDataCentre:Clouds:&lt;provider&gt;:Operations</c>.</remarks>
public enum CloudOperation
{
    /// <summary>Creating the virtual machine of the node.</summary>
    CreateVm,

    /// <summary>Booting the virtual machine and running its self-checks.</summary>
    Boot,

    /// <summary>Joining the booted node to its pool.</summary>
    Join,
}
