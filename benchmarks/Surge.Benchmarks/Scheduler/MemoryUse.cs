namespace Surge.Benchmarks.Scheduler;

/// <summary>The managed heap after a full collection, and the process's working set, in MiB.</summary>
public readonly record struct MemoryUse(double HeapMiB, double WorkingSetMiB)
{
    /// <summary>Collects garbage fully and measures.</summary>
    public static MemoryUse Now()
    {
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        return new MemoryUse(heap / 1024.0 / 1024.0, Environment.WorkingSet / 1024.0 / 1024.0);
    }
}
