using Surge.Gateway.Webhooks;

namespace Surge.Gateway.Tests.Webhooks;

public sealed class GoTimeTests
{
    [Fact]
    public void TryParse_NineFractionDigits_KeepsSevenWithoutRounding()
    {
        Assert.True(GoTime.TryParse("2026-03-01T11:58:30.123456789Z", out var value));

        Assert.Equal(new DateTimeOffset(2026, 3, 1, 11, 58, 30, TimeSpan.Zero).AddTicks(1_234_567), value);
    }

    [Fact]
    public void TryParse_NinesBeyondSevenDigits_DoesNotRoundIntoNextSecond()
    {
        Assert.True(GoTime.TryParse("2026-03-01T11:58:59.999999999Z", out var value));

        Assert.Equal(59, value.Second);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 11, 58, 59, TimeSpan.Zero).AddTicks(9_999_999), value);
    }

    [Theory]
    [InlineData("2026-03-01T11:58:30Z", 0)]
    [InlineData("2026-03-01T11:58:30.5Z", 5_000_000)]
    [InlineData("2026-03-01T11:58:30.157076Z", 1_570_760)]
    public void TryParse_UtcWithFewerDigits_ReturnsUtcTime(string text, long fractionTicks)
    {
        Assert.True(GoTime.TryParse(text, out var value));

        Assert.Equal(TimeSpan.Zero, value.Offset);
        Assert.Equal(new DateTimeOffset(2026, 3, 1, 11, 58, 30, TimeSpan.Zero).AddTicks(fractionTicks), value);
    }

    [Fact]
    public void TryParse_PositiveOffset_KeepsOffsetAndInstant()
    {
        Assert.True(GoTime.TryParse("2021-10-12T09:51:03.157076+02:00", out var value));

        Assert.Equal(TimeSpan.FromHours(2), value.Offset);
        Assert.Equal(new DateTime(2021, 10, 12, 7, 51, 3, DateTimeKind.Utc).AddTicks(1_570_760), value.UtcDateTime);
    }

    [Fact]
    public void TryParse_NegativeOffsetWithNineDigits_KeepsOffset()
    {
        Assert.True(GoTime.TryParse("2026-03-01T06:58:30.000000001-05:00", out var value));

        Assert.Equal(TimeSpan.FromHours(-5), value.Offset);
        Assert.Equal(new DateTime(2026, 3, 1, 11, 58, 30, DateTimeKind.Utc), value.UtcDateTime);
    }

    [Fact]
    public void TryParse_GoZeroTime_ReturnsDefault()
    {
        Assert.True(GoTime.TryParse("0001-01-01T00:00:00Z", out var value));

        Assert.Equal(default, value);
        Assert.Equal(0, value.UtcTicks);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("yesterday")]
    [InlineData("2026-03-01")]
    [InlineData("11:58:30Z")]
    [InlineData("2026-03-01 11:58:30Z")]
    [InlineData("2026-13-01T11:58:30Z")]
    [InlineData("2026-03-01T25:58:30Z")]
    [InlineData("2026-03-01T11:58:30.123456789+25:00")]
    public void TryParse_Garbage_ReturnsFalse(string? text)
    {
        Assert.False(GoTime.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_NoOffset_ReturnsFalse()
    {
        Assert.False(GoTime.TryParse("2026-03-01T11:58:30.123456789", out _));
    }

    [Fact]
    public void TryParse_Rfc1123Date_ReturnsFalse()
    {
        Assert.False(GoTime.TryParse("Sun, 01 Mar 2026 11:58:30 GMT", out _));
    }
}
