using System.Globalization;

namespace Surge.Benchmarks.Measurement;

/// <summary>
/// CPU time read from <c>/proc</c>: of the services by process id, of PostgreSQL and RabbitMQ by process name (every
/// <c>postgres</c> process and the Erlang VM <c>beam.smp</c>), and of the whole machine.
/// </summary>
public static class ProcessCpu
{
    // The kernel reports process times in clock ticks of USER_HZ, which is 100 on Linux for every architecture Surge runs on.
    private const double TicksPerSecond = 100.0;

    /// <summary>Returns the user plus system CPU seconds each named group has used so far.</summary>
    public static Dictionary<string, double> Snapshot(IReadOnlyDictionary<string, int> services)
    {
        var snapshot = services.ToDictionary(entry => entry.Key, entry => Seconds(entry.Value) ?? 0.0);
        snapshot["postgresql"] = ByName("postgres");
        snapshot["rabbitmq"] = ByName("beam.smp");
        snapshot["surge-bench"] = Seconds(Environment.ProcessId) ?? 0.0;
        var (busy, total) = Machine();
        snapshot["machine busy"] = busy;
        snapshot["machine total"] = total;
        return snapshot;
    }

    /// <summary>Returns <paramref name="after"/> minus <paramref name="before"/> per group.</summary>
    public static Dictionary<string, double> Difference(Dictionary<string, double> before, Dictionary<string, double> after) =>
        after.ToDictionary(entry => entry.Key, entry => entry.Value - before.GetValueOrDefault(entry.Key));

    private static double ByName(string name) =>
        Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(entry => entry!.All(char.IsAsciiDigit))
            .Select(entry => int.Parse(entry!, CultureInfo.InvariantCulture))
            .Where(pid => Name(pid) == name)
            .Sum(pid => Seconds(pid) ?? 0.0);

    private static string? Name(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    // Fields 14 and 15 of /proc/<pid>/stat are utime and stime; field 2, the command name, may contain spaces, so the
    // fields are counted from the last ')'.
    private static double? Seconds(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / TicksPerSecond;
        }
        catch (IOException)
        {
            return null;
        }
    }

    // The first line of /proc/stat sums all CPUs: user nice system idle iowait irq softirq steal, in ticks.
    private static (double Busy, double Total) Machine()
    {
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
            .Select(value => long.Parse(value, CultureInfo.InvariantCulture)).ToArray();
        var total = fields.Sum();
        var idle = fields[3] + fields[4];
        return ((total - idle) / TicksPerSecond, total / TicksPerSecond);
    }
}
