using Surge.Capacity.Nodes;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Scheduling;

/// <summary>A node's free resources during one scheduling pass, reduced as instances are placed on it.</summary>
internal sealed class NodeBudget(NodeView node)
{
    public NodeView Node { get; } = node;

    public int FreeCpu { get; private set; } = node.FreeCpuMillicores;

    public int FreeMemory { get; private set; } = node.FreeMemoryMiB;

    /// <summary>Returns why the shape does not fit, or null when it does.</summary>
    public string? RejectionReason(InstanceShapeSpec shape)
    {
        if (!Node.Spec.AcceptsInstances)
        {
            return "does not accept new instances";
        }

        if (FreeCpu < shape.CpuMillicores)
        {
            return $"cpu ({FreeCpu} millicores free)";
        }

        return FreeMemory < shape.MemoryMiB ? $"memory ({FreeMemory} MiB free)" : null;
    }

    public void Take(InstanceShapeSpec shape)
    {
        FreeCpu -= shape.CpuMillicores;
        FreeMemory -= shape.MemoryMiB;
    }
}
