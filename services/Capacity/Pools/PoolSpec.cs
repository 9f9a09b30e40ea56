using Surge.Capacity.Resources;

namespace Surge.Capacity.Pools;

/// <summary>The declared shape of a pool: whether it lends idle capacity to other services, and how much.</summary>
/// <param name="LendsIdleCapacity">Whether services of other pools may borrow this pool's idle capacity.</param>
/// <param name="MaxLendRatio">The share of the pool's allocatable resources it may lend at most, from 0 to 1.</param>
/// <param name="LenderPriority">Lower values are borrowed from first.</param>
public sealed record PoolSpec(bool LendsIdleCapacity = false, double MaxLendRatio = 0, int LenderPriority = 100)
{
    /// <summary>Throws a 400 naming each invalid field.</summary>
    public void Validate(string name)
    {
        var errors = new SpecErrors();
        errors.RequireName("name", name);
        if (MaxLendRatio is < 0 or > 1 || double.IsNaN(MaxLendRatio))
        {
            errors.Add("spec.maxLendRatio", $"maxLendRatio is {MaxLendRatio}; give a share between 0 and 1, such as 0.5.");
        }

        if (LendsIdleCapacity && MaxLendRatio == 0)
        {
            errors.Add("spec.maxLendRatio", "A pool that lends idle capacity needs a maxLendRatio above 0, such as 0.5.");
        }

        if (LenderPriority < 0)
        {
            errors.Add("spec.lenderPriority", "lenderPriority must be 0 or more; lower values are borrowed from first.");
        }

        errors.ThrowIfAny("Pool", name);
    }
}
