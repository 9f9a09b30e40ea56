using Surge.ServiceDefaults.Storage;

namespace Surge.ServiceDefaults.Tests.Storage;

/// <summary>The waits between attempts at a message while the database is unreachable.</summary>
public sealed class OutageRetryScheduleTests
{
    [Fact]
    public void For_Zero_HasNoWaits() => Assert.Empty(OutageRetrySchedule.For(TimeSpan.Zero));

    [Fact]
    public void For_OneMinute_DoublesToLongestWait()
    {
        var waits = OutageRetrySchedule.For(TimeSpan.FromMinutes(1));

        Assert.Equal([100, 200, 400, 800, 1600, 3200, 5000], waits.Take(7).Select(w => (int)w.TotalMilliseconds));
        Assert.All(waits.Skip(6), wait => Assert.Equal(TimeSpan.FromSeconds(5), wait));
    }

    [Theory]
    [InlineData(0.05)]
    [InlineData(1)]
    [InlineData(60)]
    [InlineData(600)]
    public void For_Window_CoversItWithLessThanOneLongestWaitToSpare(double seconds)
    {
        var window = TimeSpan.FromSeconds(seconds);

        var total = OutageRetrySchedule.For(window).Aggregate(TimeSpan.Zero, (sum, wait) => sum + wait);

        Assert.InRange(total, window, window + OutageRetrySchedule.LongestWait);
    }
}
