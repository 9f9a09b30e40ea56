using Surge.Capacity.AlertPolicies;

namespace Surge.Capacity.Tests.AlertPolicies;

public sealed class DurationsTests
{
    public static TheoryData<string, TimeSpan> ValidDurations() => new()
    {
        { "250ms", TimeSpan.FromMilliseconds(250) },
        { "90s", TimeSpan.FromSeconds(90) },
        { "5m", TimeSpan.FromMinutes(5) },
        { "1h", TimeSpan.FromHours(1) },
        { "2d", TimeSpan.FromDays(2) },
        { "0s", TimeSpan.Zero },
    };

    [Theory]
    [MemberData(nameof(ValidDurations))]
    public void TryParse_NumberAndUnit_ReturnsDuration(string text, TimeSpan expected)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(expected, duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("5")]
    [InlineData("m")]
    [InlineData("ms")]
    [InlineData("-5m")]
    [InlineData("+5m")]
    [InlineData("1.5h")]
    [InlineData("5 m")]
    [InlineData(" 5m")]
    [InlineData("5M")]
    [InlineData("5w")]
    [InlineData("1h30m")]
    [InlineData("99999999999999999999s")]
    public void TryParse_NotADuration_ReturnsFalse(string? text)
    {
        Assert.False(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.Zero, duration);
    }

    [Theory]
    [InlineData("999999999999d")]
    [InlineData("9999999999999h")]
    [InlineData("9223372036854775807ms")]
    public void TryParse_DurationBeyondTimeSpan_ReturnsFalse(string text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }
}
