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
public sealed record NodeSpec(
    string Pool,
    string Zone,
    string? Rack,
    int CpuMillicores,
    int MemoryMiB,
    IReadOnlyDictionary<string, string>? Labels = null,
    bool AcceptsInstances = true)
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

        errors.ThrowIfAny("Node", name);
    }
}
