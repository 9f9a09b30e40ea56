namespace Surge.Cli.Tests;

/// <summary>
/// A clock fixed in UTC whose timers fire at once, so a loop that waits between polls runs without delay.
/// It records each requested wait.
/// </summary>
internal sealed class InstantTimeProvider : TimeProvider
{
    public static readonly DateTimeOffset Now = new(2026, 12, 5, 10, 0, 0, TimeSpan.Zero);

    public List<TimeSpan> Waits { get; } = [];

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override DateTimeOffset GetUtcNow() => Now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        lock (Waits)
        {
            Waits.Add(dueTime);
        }

        return System.CreateTimer(callback, state, TimeSpan.Zero, period);
    }
}
