using System.Globalization;

namespace Surge.Benchmarks.Reporting;

/// <summary>Facts about the machine the benchmark runs on, read from <c>/proc</c>.</summary>
public static class Machine
{
    /// <summary>Returns the CPU model name from <c>/proc/cpuinfo</c>.</summary>
    public static string CpuModel() =>
        File.ReadLines("/proc/cpuinfo").FirstOrDefault(line => line.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";

    /// <summary>Returns the total memory from <c>/proc/meminfo</c>, in GiB.</summary>
    public static double MemoryGiB()
    {
        var line = File.ReadLines("/proc/meminfo").First(line => line.StartsWith("MemTotal:", StringComparison.Ordinal));
        var kib = long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
        return kib / 1024.0 / 1024.0;
    }

    /// <summary>Returns the 1, 5 and 15 minute load averages from <c>/proc/loadavg</c>.</summary>
    public static string LoadAverage() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
}
