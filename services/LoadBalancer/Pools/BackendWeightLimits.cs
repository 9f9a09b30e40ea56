namespace Surge.LoadBalancer.Pools;

/// <summary>The range a backend weight is held to.</summary>
public static class BackendWeightLimits
{
    /// <summary>The weight a backend gets when it is registered.</summary>
    public const int Default = 1;

    /// <summary>The largest weight a backend can have.</summary>
    public const int Max = 1000;

    /// <summary>Returns the weight within 0 and <see cref="Max"/>: a negative one becomes 0, a larger one becomes <see cref="Max"/>.</summary>
    public static int Clamp(int weight) => Math.Clamp(weight, 0, Max);
}
