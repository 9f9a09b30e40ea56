using Surge.Cli.Alerts;

namespace Surge.Cli.Tests;

public class GoFormatTests
{
    [Theory]
    [InlineData("2026-12-04T10:00:00+00:00", 0, "2026-12-04T10:00:00Z")]
    [InlineData("2026-12-04T10:00:00+00:00", 1_234_567, "2026-12-04T10:00:00.1234567Z")]
    [InlineData("2026-12-04T10:00:00+00:00", 5_000_000, "2026-12-04T10:00:00.5Z")]
    [InlineData("2026-12-04T10:00:00+02:00", 100, "2026-12-04T10:00:00.00001+02:00")]
    [InlineData("2026-12-04T10:00:00-05:30", 0, "2026-12-04T10:00:00-05:30")]
    public void Rfc3339Nano_Time_FormatsAsGo(string time, long extraTicks, string expected)
    {
        var value = DateTimeOffset.Parse(time, System.Globalization.CultureInfo.InvariantCulture).AddTicks(extraTicks);

        Assert.Equal(expected, GoFormat.Rfc3339Nano(value));
    }

    [Theory]
    [InlineData("a b", "a+b")]
    [InlineData("sum(x)", "sum%28x%29")]
    [InlineData("{service=\"feed-api\"}[1m]", "%7Bservice%3D%22feed-api%22%7D%5B1m%5D")]
    [InlineData("-_.~", "-_.~")]
    [InlineData("é", "%C3%A9")]
    public void QueryEscape_Text_EscapesAsGo(string text, string expected)
    {
        Assert.Equal(expected, GoFormat.QueryEscape(text));
    }

    [Fact]
    public void LabelSet_Labels_AreSortedAndQuoted()
    {
        var labels = new Dictionary<string, string> { ["service"] = "feed-api", ["alertname"] = "X\"Y" };

        Assert.Equal("{alertname=\"X\\\"Y\", service=\"feed-api\"}", GoFormat.LabelSet(labels));
    }
}
