using Surge.Capacity.Pools;

namespace Surge.Capacity.Scheduling;

/// <summary>A pool as the capacity model holds it: its declaration, its nodes, and what it lent.</summary>
public sealed class ModelPool(string name, PoolSpec spec)
{
    /// <summary>The pool's name.</summary>
    public string Name { get; } = name;

    /// <summary>The pool's current declaration.</summary>
    public PoolSpec Spec { get; set; } = spec;

    /// <summary>The pool's nodes, declared and overflow.</summary>
    public List<ModelNode> Nodes { get; } = [];

    /// <summary>The allocatable resources of the pool's declared nodes, the base of its lending limit.</summary>
    public ResourceAmounts Declared { get; set; }

    /// <summary>What reservations of other pools' services hold on this pool's declared nodes.</summary>
    public ResourceAmounts Lent { get; set; }

    /// <summary>What the pool may still lend: its lend ratio of its declared nodes, less what it lent.</summary>
    public ResourceAmounts LendRoom()
    {
        if (!Spec.LendsIdleCapacity)
        {
            return default;
        }

        return Declared.Scaled(Spec.MaxLendRatio) - Lent;
    }
}
