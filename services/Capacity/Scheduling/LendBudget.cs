using Surge.Capacity.Nodes;
using Surge.Capacity.Pools;
using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Scheduling;

/// <summary>How much a lending pool may still lend: its lend ratio of the pool's allocatable resources, less what is already borrowed.</summary>
internal sealed class LendBudget
{
    private int cpu;
    private int memory;

    private LendBudget(int cpu, int memory)
    {
        this.cpu = cpu;
        this.memory = memory;
    }

    public static LendBudget For(PoolView pool, IReadOnlyList<NodeView> nodes, IReadOnlyDictionary<string, string> servicePools)
    {
        var members = nodes.Where(node => node.Spec.Pool == pool.Name).ToList();
        var ratio = pool.Spec.LendsIdleCapacity ? pool.Spec.MaxLendRatio : 0;
        var borrowed = members
            .SelectMany(node => node.Reservations)
            .Where(reservation => !servicePools.TryGetValue(reservation.Service, out var own) || own != pool.Name)
            .ToList();

        return new LendBudget(
            (int)(members.Sum(node => (long)node.Spec.CpuMillicores) * ratio) - borrowed.Sum(r => r.CpuMillicores),
            (int)(members.Sum(node => (long)node.Spec.MemoryMiB) * ratio) - borrowed.Sum(r => r.MemoryMiB));
    }

    public bool Fits(InstanceShapeSpec shape) => cpu >= shape.CpuMillicores && memory >= shape.MemoryMiB;

    public void Take(InstanceShapeSpec shape)
    {
        cpu -= shape.CpuMillicores;
        memory -= shape.MemoryMiB;
    }
}
