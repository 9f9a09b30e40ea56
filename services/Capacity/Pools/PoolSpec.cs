using Surge.Capacity.Resources;

namespace Surge.Capacity.Pools;

/// <summary>The declared shape of a pool: whether it lends idle capacity to other services, and how much.</summary>
/// <param name="LendsIdleCapacity">Whether services of other pools may borrow this pool's idle capacity.</param>
/// <param name="MaxLendRatio">The share of the pool's allocatable resources it may lend at most, from 0 to 1.</param>
/// <param name="LenderPriority">Lower values are borrowed from first.</param>
/// <param name="Owner">The team that owns the pool, for people reading the fleet.</param>
/// <param name="OverflowProviders">
/// The cloud providers that may add nodes to the pool when a scale-out of its services does not fit. Private clouds
/// are tried first, then public ones, each kind in the order given. Empty for no overflow.
/// </param>
public sealed record PoolSpec(
    bool LendsIdleCapacity = false,
    double MaxLendRatio = 0,
    int LenderPriority = 100,
    string? Owner = null,
    IReadOnlyList<string>? OverflowProviders = null)
{
    /// <summary>Throws a 400 naming each invalid field; <paramref name="knownProviders"/> are the overflow providers Capacity is configured with.</summary>
    public void Validate(string name, IReadOnlyCollection<string>? knownProviders = null)
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

        var providers = OverflowProviders ?? [];
        for (var index = 0; index < providers.Count; index++)
        {
            if (knownProviders is not null && !knownProviders.Contains(providers[index]))
            {
                var known = knownProviders.Count == 0 ? "none is configured (Overflow:Providers)" : $"configured: {string.Join(", ", knownProviders.Order(StringComparer.Ordinal))}";
                errors.Add($"spec.overflowProviders[{index}]", $"Overflow provider '{providers[index]}' is unknown; {known}.");
            }
            else if (providers.Take(index).Contains(providers[index]))
            {
                errors.Add($"spec.overflowProviders[{index}]", $"Overflow provider '{providers[index]}' is listed twice; list each once.");
            }
        }

        errors.ThrowIfAny("Pool", name);
    }
}
