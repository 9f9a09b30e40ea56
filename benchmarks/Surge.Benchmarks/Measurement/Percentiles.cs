namespace Surge.Benchmarks.Measurement;

/// <summary>Summary statistics of a set of durations.</summary>
public static class Percentiles
{
    /// <summary>Returns the <paramref name="percentile"/> (0 to 100) of <paramref name="values"/> by the nearest-rank method, or NaN when there are none.</summary>
    public static double Of(IEnumerable<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
