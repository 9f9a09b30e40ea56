using System.Text.Json.Nodes;
using Surge.Simulators.KubernetesApi.Patching;

namespace Surge.KubernetesApi.Tests.Simulator;

public class MergePatchTests
{
    private static JsonObject Pod() => (JsonObject)JsonNode.Parse("""
        {"metadata":{"labels":{"a":"1","b":"2"}},"spec":{"containers":[{"name":"app","image":"app:1"},{"name":"log","image":"log:1"}]}}
        """)!;

    private static readonly JsonObject ImagePatch = (JsonObject)JsonNode.Parse("""{"spec":{"containers":[{"name":"app","image":"app:2"}]}}""")!;

    [Fact]
    public void Apply_Strategic_MergesContainersByName()
    {
        var patched = MergePatch.Apply(Pod(), ImagePatch, strategic: true)!;

        var containers = patched["spec"]!["containers"]!.AsArray();
        Assert.Equal(2, containers.Count);
        Assert.Equal("app:2", containers[0]!["image"]!.GetValue<string>());
        Assert.Equal("log:1", containers[1]!["image"]!.GetValue<string>());
    }

    [Fact]
    public void Apply_JsonMerge_ReplacesLists()
    {
        var patched = MergePatch.Apply(Pod(), ImagePatch, strategic: false)!;

        Assert.Single(patched["spec"]!["containers"]!.AsArray());
    }

    [Fact]
    public void Apply_Null_RemovesField()
    {
        var patched = MergePatch.Apply(Pod(), JsonNode.Parse("""{"metadata":{"labels":{"a":null}}}"""), strategic: false)!;

        Assert.Equal("""{"b":"2"}""", patched["metadata"]!["labels"]!.ToJsonString());
    }
}
