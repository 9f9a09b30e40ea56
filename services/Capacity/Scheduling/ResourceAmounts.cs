using Surge.Capacity.Nodes;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Scheduling;

/// <summary>An amount of each resource the scheduler counts: CPU in millicores, memory in MiB, disk in GiB, swap in MiB.</summary>
public readonly record struct ResourceAmounts(long CpuMillicores, long MemoryMiB, long DiskGiB, long SwapMiB)
{
    /// <summary>What one instance of the shape takes.</summary>
    public static ResourceAmounts Of(InstanceShapeSpec shape) => new(shape.CpuMillicores, shape.MemoryMiB, shape.DiskGiB, shape.SwapMiB);

    /// <summary>What the node can hand out.</summary>
    public static ResourceAmounts Of(NodeSpec node) => new(node.CpuMillicores, node.MemoryMiB, node.DiskGiB, node.SwapMiB);

    /// <summary>The sum of two amounts.</summary>
    public static ResourceAmounts operator +(ResourceAmounts left, ResourceAmounts right) =>
        new(left.CpuMillicores + right.CpuMillicores, left.MemoryMiB + right.MemoryMiB, left.DiskGiB + right.DiskGiB, left.SwapMiB + right.SwapMiB);

    /// <summary>The difference of two amounts.</summary>
    public static ResourceAmounts operator -(ResourceAmounts left, ResourceAmounts right) =>
        new(left.CpuMillicores - right.CpuMillicores, left.MemoryMiB - right.MemoryMiB, left.DiskGiB - right.DiskGiB, left.SwapMiB - right.SwapMiB);

    /// <summary>The amount times a count.</summary>
    public ResourceAmounts Times(long count) => new(CpuMillicores * count, MemoryMiB * count, DiskGiB * count, SwapMiB * count);

    /// <summary>The amount scaled by a ratio, rounded down, as for the share of a pool that may be lent.</summary>
    public ResourceAmounts Scaled(double ratio) =>
        new((long)(CpuMillicores * ratio), (long)(MemoryMiB * ratio), (long)(DiskGiB * ratio), (long)(SwapMiB * ratio));

    /// <summary>
    /// How many instances of <paramref name="shape"/> fit in this amount, and the first dimension, in check order, that
    /// stops the next one. A dimension the shape does not use never limits.
    /// </summary>
    public (long Count, PlacementDimension Limit) Fitting(ResourceAmounts shape)
    {
        var best = (Count: long.MaxValue, Limit: PlacementDimension.MaxPerNode);
        Consider(ref best, CpuMillicores, shape.CpuMillicores, PlacementDimension.Cpu);
        Consider(ref best, MemoryMiB, shape.MemoryMiB, PlacementDimension.Memory);
        Consider(ref best, DiskGiB, shape.DiskGiB, PlacementDimension.Disk);
        Consider(ref best, SwapMiB, shape.SwapMiB, PlacementDimension.Swap);
        return best;
    }

    /// <summary>The first dimension, in check order, where <paramref name="shape"/> does not fit; null when it fits.</summary>
    public PlacementDimension? Lacking(ResourceAmounts shape) =>
        CpuMillicores < shape.CpuMillicores ? PlacementDimension.Cpu
        : MemoryMiB < shape.MemoryMiB ? PlacementDimension.Memory
        : DiskGiB < shape.DiskGiB ? PlacementDimension.Disk
        : SwapMiB < shape.SwapMiB ? PlacementDimension.Swap
        : null;

    private static void Consider(ref (long Count, PlacementDimension Limit) best, long free, long need, PlacementDimension dimension)
    {
        if (need <= 0)
        {
            return;
        }

        var count = Math.Max(0, free / need);
        if (count < best.Count)
        {
            best = (count, dimension);
        }
    }
}
