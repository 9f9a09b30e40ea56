namespace Surge.ServiceDefaults.Storage;

/// <summary>
/// The waits between attempts at a message while the database is unreachable. They double from
/// <see cref="FirstWait"/> up to <see cref="LongestWait"/>, so a short restart costs little delay and a long outage
/// costs few attempts, and they add up to at least the configured window.
/// </summary>
public static class OutageRetrySchedule
{
    /// <summary>The wait before the first retry.</summary>
    public static readonly TimeSpan FirstWait = TimeSpan.FromMilliseconds(100);

    /// <summary>The longest wait between two retries.</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(5);

    /// <summary>Returns the waits for <paramref name="window"/>; none for a window of zero.</summary>
    public static TimeSpan[] For(TimeSpan window)
    {
        var waits = new List<TimeSpan>();
        var total = TimeSpan.Zero;
        var next = FirstWait;
        while (total < window)
        {
            waits.Add(next);
            total += next;
            next = next * 2 < LongestWait ? next * 2 : LongestWait;
        }

        return [.. waits];
    }
}
