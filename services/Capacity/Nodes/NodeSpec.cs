using Surge.Capacity.Resources;

namespace Surge.Capacity.Nodes;

/// <summary>The declared shape of a node: where it is and what it can give to instances.</summary>
/// <param name="Pool">The pool the node belongs to.</param>
/// <param name="Zone">The availability zone.</param>
/// <param name="Rack">The rack, which decides the address block on intranet underlay networks.</param>
/// <param name="CpuMillicores">Allocatable CPU in millicores.</param>
/// <param name="MemoryMiB">Allocatable memory in MiB.</param>
/// <param name="Labels">Labels that instance shapes may require.</param>
/// <param name="AcceptsInstances">Whether new instances may be placed on the node.</param>
/// <param name="DiskGiB">Local disk quota the node can hand out to instances, in GiB.</param>
/// <param name="SwapMiB">Swap the node can hand out to instances, in MiB.</param>
/// <param name="Taints">Taints that keep instances off the node unless their shape tolerates them.</param>
/// <param name="Provider">The cloud provider that created the node for overflow; null for a node the fleet declares.</param>
public sealed record NodeSpec(
    string Pool,
    string Zone,
    string? Rack,
    int CpuMillicores,
    int MemoryMiB,
    IReadOnlyDictionary<string, string>? Labels = null,
    bool AcceptsInstances = true,
    int DiskGiB = 0,
    int SwapMiB = 0,
    IReadOnlyList<NodeTaint>? Taints = null,
    string? Provider = null)
{
    /// <summary>Throws a 400 naming each invalid field; <paramref name="poolExists"/> tells whether the pool is declared.</summary>
    public void Validate(string name, bool poolExists)
    {
        var errors = new SpecErrors();
        errors.RequireName("name", name);
        errors.RequireName("spec.pool", Pool);
        if (!string.IsNullOrEmpty(Pool) && !poolExists)
        {
            errors.Add("spec.pool", $"Pool '{Pool}' is not declared. Apply the Pool before its nodes.");
        }

        if (string.IsNullOrWhiteSpace(Zone))
        {
            errors.Add("spec.zone", "zone is missing. Give the node's availability zone, such as 'zone-a'.");
        }

        if (CpuMillicores <= 0)
        {
            errors.Add("spec.cpuMillicores", $"cpuMillicores is {CpuMillicores}; give the node's allocatable CPU in millicores, such as 4000.");
        }

        if (MemoryMiB <= 0)
        {
            errors.Add("spec.memoryMiB", $"memoryMiB is {MemoryMiB}; give the node's allocatable memory in MiB, such as 8192.");
        }

        if (DiskGiB < 0)
        {
            errors.Add("spec.diskGiB", $"diskGiB is {DiskGiB}; give the local disk quota in GiB, 0 or more, such as 200.");
        }

        if (SwapMiB < 0)
        {
            errors.Add("spec.swapMiB", $"swapMiB is {SwapMiB}; give the swap instances may use in MiB, 0 or more.");
        }

        if (Provider is not null)
        {
            errors.Add("spec.provider", "provider is set by Capacity on the nodes a cloud provider adds for overflow. Leave it out; list the providers in the pool's overflowProviders instead.");
        }

        PlacementRules.ValidateLabels(errors, "spec.labels", Labels);
        for (var index = 0; index < (Taints?.Count ?? 0); index++)
        {
            PlacementRules.ValidateKey(errors, $"spec.taints[{index}].key", Taints![index].Key, "taint");
        }

        errors.ThrowIfAny("Node", name);
    }
}

/// <summary>A mark on a node that keeps instances away unless their shape tolerates it, as with Kubernetes taints.</summary>
/// <param name="Value">Optional; a toleration without a value tolerates every value of the key.</param>
public sealed record NodeTaint(string Key, string? Value = null);
