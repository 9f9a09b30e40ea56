using System.Text.Json;
using Surge.Cli.Output;

namespace Surge.Cli.Tests;

public class OutputTests
{
    [Fact]
    public void TextTable_Rows_AreAlignedUnderHeaders()
    {
        var lines = TextTable.Format(["ID", "ADDRESS"], [["a", "127.42.0.10"], ["long-id", "-"]]);

        Assert.Equal(["ID       ADDRESS", "-------  -----------", "a        127.42.0.10", "long-id  -"], lines);
    }

    [Fact]
    public void DisplayWidth_ChineseCharacters_TakeTwoColumns()
    {
        Assert.Equal(6, TextTable.DisplayWidth("请求数"));
        Assert.Equal(7, TextTable.DisplayWidth("a请求数"));
    }

    [Fact]
    public void Summarize_Object_ListsScalarsAndCounts()
    {
        using var data = JsonDocument.Parse("""
            {"sagaId":"s-1","service":"feed-api","count":3,"placements":[{"a":1},{"a":2}],"addresses":["10.0.0.1","10.0.0.2"],"reason":null}
            """);

        var summary = EventDataSummary.Summarize(data.RootElement);

        Assert.Equal("service=feed-api count=3 placements=[2] addresses=[10.0.0.1, 10.0.0.2]", summary);
    }

    [Fact]
    public void EventDataSummary_LongText_IsCut()
    {
        using var data = JsonDocument.Parse(JsonSerializer.Serialize(new { reason = new string('x', 500) }));

        var summary = EventDataSummary.Summarize(data.RootElement);

        Assert.Equal(EventDataSummary.MaxLength, summary.Length);
        Assert.EndsWith("…", summary);
    }

    [Fact]
    public void EventPhrases_UnknownType_IsPrintedAsIs()
    {
        Assert.Equal("SomethingNew", EventPhrases.Describe("SomethingNew"));
    }
}
