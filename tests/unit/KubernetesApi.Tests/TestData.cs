using System.Text.Json.Nodes;

namespace Surge.KubernetesApi.Tests;

/// <summary>Reads the samples of real API server responses kept under Data/.</summary>
internal static class TestData
{
    public static string Text(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", file));

    public static JsonObject Object(string file) => (JsonObject)JsonNode.Parse(Text(file))!;

    // The frame of one id in watch-event-shapes-reference.json, as the line a server sends.
    public static string WatchFrame(string id) =>
        Object("watch-event-shapes-reference.json")["frames"]!.AsArray()
            .Single(frame => frame!["id"]!.GetValue<string>() == id)!["frame"]!.ToJsonString();
}
