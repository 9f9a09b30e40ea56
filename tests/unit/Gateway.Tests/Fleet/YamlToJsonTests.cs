using System.Text.Json;
using System.Text.Json.Nodes;
using Surge.Gateway.Fleet;
using YamlDotNet.Core;

namespace Surge.Gateway.Tests.Fleet;

public sealed class YamlToJsonTests
{
    private static JsonObject Single(string yaml) => Assert.IsType<JsonObject>(Assert.Single(YamlToJson.Convert(yaml)));

    private static JsonValueKind KindOf(JsonNode? node) => node?.GetValueKind() ?? JsonValueKind.Null;

    [Fact]
    public void Convert_SeveralDocumentsWithComments_ReturnsOneNodePerDocument()
    {
        const string yaml = """
            # the first resource
            kind: Pool   # trailing comment
            metadata:
              name: feed-pool
            ---
            # the second resource
            kind: Node
            metadata: {name: feed-node-1}
            """;

        var documents = YamlToJson.Convert(yaml);

        Assert.Equal(2, documents.Count);
        Assert.Equal("Pool", documents[0]!["kind"]!.GetValue<string>());
        Assert.Equal("feed-pool", documents[0]!["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("feed-node-1", documents[1]!["metadata"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public void Convert_EmptyDocuments_AreSkipped()
    {
        var documents = YamlToJson.Convert("---\n# only a comment\n---\n---\nkind: Pool\n---\n");

        Assert.Single(documents);
    }

    [Fact]
    public void Convert_PlainInteger_BecomesNumber()
    {
        var node = Single("cpuMillicores: 4000\nnegative: -3\nsigned: +7");

        Assert.Equal(JsonValueKind.Number, KindOf(node["cpuMillicores"]));
        Assert.Equal(4000, node["cpuMillicores"]!.GetValue<long>());
        Assert.Equal(-3, node["negative"]!.GetValue<long>());
        Assert.Equal(7, node["signed"]!.GetValue<long>());
        Assert.Equal("""{"cpuMillicores":4000,"negative":-3,"signed":7}""", node.ToJsonString());
    }

    [Fact]
    public void Convert_QuotedInteger_StaysString()
    {
        var node = Single("double: \"4000\"\nsingle: '4000'\nliteral: |-\n  4000");

        Assert.Equal("""{"double":"4000","single":"4000","literal":"4000"}""", node.ToJsonString());
    }

    [Fact]
    public void Convert_Booleans_BecomeJsonBooleans()
    {
        var node = Single("a: true\nb: false\nc: True\nd: FALSE");

        Assert.Equal("""{"a":true,"b":false,"c":true,"d":false}""", node.ToJsonString());
    }

    [Fact]
    public void Convert_YesAndNo_StayStrings()
    {
        var node = Single("a: yes\nb: no\nc: on\nd: off");

        Assert.All(["a", "b", "c", "d"], key => Assert.Equal(JsonValueKind.String, KindOf(node[key])));
    }

    [Fact]
    public void Convert_Float_BecomesNumber()
    {
        var node = Single("ratio: 0.5\nexponent: 1e3");

        Assert.Equal(0.5, node["ratio"]!.GetValue<double>());
        Assert.Equal(1000, node["exponent"]!.GetValue<double>());
        Assert.Equal("""{"ratio":0.5,"exponent":1000}""", node.ToJsonString());
    }

    [Theory]
    [InlineData("~")]
    [InlineData("null")]
    [InlineData("Null")]
    [InlineData("NULL")]
    [InlineData("")]
    public void Convert_NullForms_BecomeJsonNull(string scalar)
    {
        var node = Single($"rack: {scalar}\nzone: zone-a");

        Assert.True(node.ContainsKey("rack"));
        Assert.Null(node["rack"]);
    }

    [Fact]
    public void Convert_QuotedNull_StaysString()
    {
        Assert.Equal("""{"rack":"~","zone":"null"}""", Single("rack: \"~\"\nzone: 'null'").ToJsonString());
    }

    [Fact]
    public void Convert_Sequences_BecomeArrays()
    {
        var node = Single("pools: [feed-pool, shared-pool]\nports:\n  - 80\n  - \"443\"\nlabels: {}");

        Assert.Equal("""{"pools":["feed-pool","shared-pool"],"ports":[80,"443"],"labels":{}}""", node.ToJsonString());
    }

    [Fact]
    public void Convert_InvalidYaml_ThrowsYamlExceptionWithPosition()
    {
        var error = Assert.ThrowsAny<YamlException>(() => YamlToJson.Convert("kind: Pool\nspec:\n  a: 1\n b: 2\n"));

        Assert.Equal(4, error.Start.Line);
    }

    [Theory]
    [InlineData("nan")]
    [InlineData("NaN")]
    public void Convert_PlainNan_StaysString(string scalar)
    {
        var node = Single($"zone: {scalar}");

        Assert.Equal(JsonValueKind.String, KindOf(node["zone"]));
        Assert.Equal($$"""{"zone":"{{scalar}}"}""", node.ToJsonString());
    }

    [Fact]
    public void Convert_PlainInfinity_StaysString()
    {
        Assert.Equal("""{"zone":"Infinity"}""", Single("zone: Infinity").ToJsonString());
    }

    [Fact]
    public void Convert_AnchorAndAlias_ThrowsYamlException()
    {
        var error = Assert.ThrowsAny<YamlException>(() => YamlToJson.Convert("base: &shape {cpuMillicores: 500}\ncopy: *shape"));

        Assert.Contains("Anchors and aliases", error.Message);
    }

    [Fact]
    public void Convert_SelfReferencingAlias_ThrowsYamlException()
    {
        Assert.ThrowsAny<YamlException>(() => YamlToJson.Convert("a: &x [ *x ]"));
    }

    [Fact]
    public void Convert_NestedAliasExpansion_ThrowsYamlException()
    {
        const string bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]";

        Assert.ThrowsAny<YamlException>(() => YamlToJson.Convert(bomb));
    }

    [Fact]
    public void Convert_NestingBeyondLimit_ThrowsYamlException()
    {
        var deep = string.Concat(Enumerable.Repeat("[", YamlToJson.MaxDepth + 2)) + string.Concat(Enumerable.Repeat("]", YamlToJson.MaxDepth + 2));

        Assert.ThrowsAny<YamlException>(() => YamlToJson.Convert(deep));
    }
}
