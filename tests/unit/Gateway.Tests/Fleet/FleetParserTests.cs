using System.Text.Json;
using Surge.Gateway.Fleet;
using Surge.ServiceDefaults.Problems;

namespace Surge.Gateway.Tests.Fleet;

public sealed class FleetParserTests
{
    private const string Pool = """
        apiVersion: surge/v1
        kind: Pool
        metadata:
          name: feed-pool
        spec:
          lendsIdleCapacity: false
        """;

    private const string PoolJson = """{"apiVersion":"surge/v1","kind":"Pool","metadata":{"name":"feed-pool"},"spec":{"lendsIdleCapacity":false}}""";
    private const string NodeJson = """{"apiVersion":"surge/v1","kind":"Node","metadata":{"name":"feed-node-1"},"spec":{"pool":"feed-pool","cpuMillicores":4000}}""";

    private static RequestValidationException Reject(string text, bool isJson = false) =>
        Assert.Throws<RequestValidationException>(() => FleetParser.Parse(text, isJson));

    private static IEnumerable<string> KeysOf(RequestValidationException error) => error.Errors.Keys.Order(StringComparer.Ordinal);

    [Fact]
    public void Parse_DemoFleet_ReturnsEveryResourceInFileOrder()
    {
        var resources = FleetParser.Parse(TestData.Text("fleet/demo-fleet.yaml"), isJson: false);

        Assert.Equal(
            [
                (0, "Pool", "feed-pool"), (1, "Pool", "shared-pool"),
                (2, "Node", "feed-node-1"), (3, "Node", "feed-node-2"), (4, "Node", "shared-node-1"),
                (5, "Subnet", "feed-net"), (6, "Service", "feed-api"), (7, "AlertPolicy", "feed-api-traffic"),
            ],
            resources.Select(r => (r.Index, r.Kind, r.Name)));
    }

    [Fact]
    public void Parse_DemoFleet_TypesScalarsForTheServices()
    {
        var resources = FleetParser.Parse(TestData.Text("fleet/demo-fleet.yaml"), isJson: false);

        var sharedPool = resources.Single(r => r.Name == "shared-pool").Spec;
        Assert.Equal("""{"lendsIdleCapacity":true,"maxLendRatio":0.5,"lenderPriority":1}""", sharedPool.ToJsonString());
        var node = resources.Single(r => r.Name == "feed-node-1").Spec;
        Assert.Equal(JsonValueKind.Number, node["cpuMillicores"]!.GetValueKind());
        Assert.Equal(4000, node["cpuMillicores"]!.GetValue<long>());
        Assert.Equal("""["feed-pool","shared-pool"]""", resources.Single(r => r.Kind == "Subnet").Spec["pools"]!.ToJsonString());
        Assert.Equal("5m", resources.Single(r => r.Kind == "AlertPolicy").Spec["cooldown"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_JsonSingleObject_ReturnsOneResource()
    {
        var resource = Assert.Single(FleetParser.Parse(PoolJson, isJson: true));

        Assert.Equal((0, "Pool", "feed-pool"), (resource.Index, resource.Kind, resource.Name));
        Assert.Equal("""{"lendsIdleCapacity":false}""", resource.Spec.ToJsonString());
    }

    [Fact]
    public void Parse_JsonArray_ReturnsEachResource()
    {
        var resources = FleetParser.Parse($"[{PoolJson},{NodeJson}]", isJson: true);

        Assert.Equal(["feed-pool", "feed-node-1"], resources.Select(r => r.Name));
    }

    [Fact]
    public void Parse_JsonResourcesWrapper_ReturnsEachResource()
    {
        var resources = FleetParser.Parse($$"""{"resources":[{{PoolJson}},{{NodeJson}}]}""", isJson: true);

        Assert.Equal([(0, "Pool"), (1, "Node")], resources.Select(r => (r.Index, r.Kind)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n ")]
    public void Parse_EmptyFile_RejectsBody(string text)
    {
        var error = Reject(text);

        Assert.Equal(["body"], error.Errors.Keys);
        Assert.Contains("empty", error.Errors["body"][0]);
    }

    [Theory]
    [InlineData("# nothing here yet\n---\n", false)]
    [InlineData("[]", true)]
    [InlineData("""{"resources":[]}""", true)]
    public void Parse_NoResources_RejectsBody(string text, bool isJson)
    {
        var error = Reject(text, isJson);

        Assert.Equal(["body"], error.Errors.Keys);
        Assert.Contains("no resources", error.Errors["body"][0]);
    }

    [Fact]
    public void Parse_InvalidYaml_RejectsBodyWithLineAndColumn()
    {
        var error = Reject("apiVersion: surge/v1\nkind: Pool\nspec:\n  a: 1\n b: 2\n");

        Assert.Equal(["body"], error.Errors.Keys);
        Assert.Contains("not valid YAML at line 5, column 2", error.Errors["body"][0]);
    }

    [Fact]
    public void Parse_InvalidJson_RejectsBody()
    {
        var error = Reject("""{"kind": "Pool",""", isJson: true);

        Assert.Equal(["body"], error.Errors.Keys);
        Assert.Contains("not valid JSON", error.Errors["body"][0]);
    }

    [Theory]
    [InlineData("kind: Pool\nmetadata: {name: feed-pool}\nspec: {}", "missing")]
    [InlineData("apiVersion: surge/v2\nkind: Pool\nmetadata: {name: feed-pool}\nspec: {}", "'surge/v2'")]
    public void Parse_BadApiVersion_RejectsApiVersion(string yaml, string expectedValue)
    {
        var error = Reject(yaml);

        Assert.Equal(["documents[0].apiVersion"], error.Errors.Keys);
        Assert.Contains($"apiVersion is {expectedValue}", error.Errors["documents[0].apiVersion"][0]);
    }

    [Theory]
    [InlineData("apiVersion: surge/v1\nmetadata: {name: feed-pool}\nspec: {}")]
    [InlineData("apiVersion: surge/v1\nkind: Deployment\nmetadata: {name: feed-pool}\nspec: {}")]
    [InlineData("apiVersion: surge/v1\nkind: pool\nmetadata: {name: feed-pool}\nspec: {}")]
    public void Parse_MissingOrUnknownKind_RejectsKind(string yaml)
    {
        var error = Reject(yaml);

        Assert.Equal(["documents[0].kind"], error.Errors.Keys);
        Assert.Contains("Pool, Node, Subnet, Service, AlertPolicy", error.Errors["documents[0].kind"][0]);
    }

    [Theory]
    [InlineData("apiVersion: surge/v1\nkind: Pool\nspec: {}")]
    [InlineData("apiVersion: surge/v1\nkind: Pool\nmetadata: {}\nspec: {}")]
    [InlineData("apiVersion: surge/v1\nkind: Pool\nmetadata: {name: \"\"}\nspec: {}")]
    [InlineData("apiVersion: surge/v1\nkind: Pool\nmetadata: {name: ~}\nspec: {}")]
    public void Parse_MissingName_RejectsMetadataName(string yaml)
    {
        Assert.Equal(["documents[0].metadata.name"], Reject(yaml).Errors.Keys);
    }

    [Theory]
    [InlineData("apiVersion: surge/v1\nkind: Pool\nmetadata: {name: feed-pool}")]
    [InlineData("apiVersion: surge/v1\nkind: Pool\nmetadata: {name: feed-pool}\nspec: [a]")]
    [InlineData("apiVersion: surge/v1\nkind: Pool\nmetadata: {name: feed-pool}\nspec: text")]
    public void Parse_MissingOrNonMappingSpec_RejectsSpec(string yaml)
    {
        Assert.Equal(["documents[0].spec"], Reject(yaml).Errors.Keys);
    }

    [Fact]
    public void Parse_DocumentNotMapping_RejectsDocument()
    {
        var error = Reject($"{Pool}\n---\n- just\n- a list\n");

        Assert.Equal(["documents[1]"], error.Errors.Keys);
    }

    [Fact]
    public void Parse_ErrorsInSeveralDocuments_NamesEachByIndex()
    {
        var error = Reject($"{Pool}\n---\nkind: Pool\nspec: {{}}\n---\napiVersion: surge/v1\nkind: Gadget\nmetadata: {{name: g}}\n");

        Assert.Equal(
            ["documents[1].apiVersion", "documents[1].metadata.name", "documents[2].kind", "documents[2].spec"],
            KeysOf(error));
        Assert.Equal("The fleet file is invalid; nothing was applied.", error.Message);
    }

    [Fact]
    public void Parse_SameKindAndNameTwice_RejectsSecondOne()
    {
        var error = Reject($"{Pool}\n---\n{Pool}\n---\n{Pool}\n");

        Assert.Equal(["documents[1].metadata.name"], error.Errors.Keys);
        Assert.Contains("Pool 'feed-pool' appears 3 times", error.Errors["documents[1].metadata.name"][0]);
    }

    [Fact]
    public void Parse_SameNameDifferentKinds_IsAccepted()
    {
        var node = "apiVersion: surge/v1\nkind: Node\nmetadata: {name: feed-pool}\nspec: {pool: feed-pool}";

        var resources = FleetParser.Parse($"{Pool}\n---\n{node}", isJson: false);

        Assert.Equal(2, resources.Count);
    }

    [Fact]
    public void Parse_JsonRepeatedMemberName_RejectsWithFieldError()
    {
        const string json = """{"apiVersion":"surge/v1","apiVersion":"surge/v1","kind":"Pool","metadata":{"name":"feed-pool"},"spec":{}}""";

        var error = Reject(json, isJson: true);

        Assert.NotEmpty(error.Errors);
    }

    [Theory]
    [InlineData("metadata: feed-pool")]
    [InlineData("metadata: [feed-pool]")]
    public void Parse_MetadataNotMapping_RejectsMetadataName(string metadata)
    {
        var error = Reject($"apiVersion: surge/v1\nkind: Pool\n{metadata}\nspec: {{}}");

        Assert.Equal(["documents[0].metadata.name"], error.Errors.Keys);
    }

    [Fact]
    public void Parse_NonScalarYamlKey_RejectsBody()
    {
        var error = Reject("apiVersion: surge/v1\nkind: Pool\n? [a, b]\n: c\n");

        Assert.Equal(["body"], error.Errors.Keys);
    }
}
