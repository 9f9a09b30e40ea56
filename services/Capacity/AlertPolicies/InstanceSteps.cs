namespace Surge.Capacity.AlertPolicies;

/// <summary>The arithmetic shared by scale-out actions and scale-in steps.</summary>
public static class InstanceSteps
{
    /// <summary>
    /// Returns <paramref name="by"/> when it is set, otherwise <paramref name="percent"/> of
    /// <paramref name="currentInstances"/> rounded up; never less than one, so a percentage of a small or empty service still acts.
    /// </summary>
    public static int Of(int? by, int? percent, int currentInstances)
    {
        if (by is { } count)
        {
            return Math.Max(1, count);
        }

        var share = (long)Math.Max(0, currentInstances) * Math.Max(0, percent ?? 0);
        return (int)Math.Max(1, (share + 99) / 100);
    }
}
