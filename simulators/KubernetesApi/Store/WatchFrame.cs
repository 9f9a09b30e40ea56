using System.Text.Json.Nodes;

namespace Surge.Simulators.KubernetesApi.Store;

/// <summary>One line of a watch stream: <c>{"type": ..., "object": ...}</c>.</summary>
public sealed record WatchFrame(string Type, JsonObject Object)
{
    /// <summary>Returns the frame as one line of JSON, without the newline.</summary>
    public string ToLine() => Api.KubernetesJson.Write(new JsonObject { ["type"] = Type, ["object"] = Object.DeepClone() });
}
