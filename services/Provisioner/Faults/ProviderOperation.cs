namespace Surge.Provisioner.Faults;

/// <summary>An operation a provider performs, each with its own latency distribution and injected faults.</summary>
/// <remarks>The names are the keys under a provider section's <c>Operations</c>, for example <c>SimulatedDataCentre:Operations:StartInstance</c>.</remarks>
public enum ProviderOperation
{
    /// <summary>Starting a service instance on an existing node.</summary>
    StartInstance,

    /// <summary>Stopping and removing an instance.</summary>
    StopInstance,

    /// <summary>Creating a virtual machine for a new cloud node.</summary>
    /// <remarks>
    /// NOTE: its settings are validated but not used. Simulated cloud nodes take their latencies from
    /// <c>SimulatedDataCentre:Clouds:&lt;provider&gt;:Operations</c> instead.
    /// </remarks>
    CreateVm,

    /// <summary>Booting and self-checking a new virtual machine.</summary>
    /// <remarks>NOTE: its settings are validated but not used, as with <see cref="CreateVm"/>.</remarks>
    BootVm,

    /// <summary>Updating an instance in place: restarting it on its node, with its address, from a new image.</summary>
    UpdateInstance,
}
