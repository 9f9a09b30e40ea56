using System.Text.Json.Nodes;

namespace Surge.Simulators.KubernetesApi.Api;

/// <summary>What the simulator fills in on nodes: a Ready condition when the node brings no status of its own.</summary>
public static class NodeRules
{
    /// <summary>Returns the node with a Ready status when it has none.</summary>
    public static JsonObject WithDefaults(JsonObject node)
    {
        var status = node["status"] as JsonObject ?? [];
        node["status"] = status;
        status["conditions"] ??= new JsonArray(new JsonObject
        {
            ["type"] = "Ready",
            ["status"] = "True",
            ["reason"] = "KubeletReady",
            ["message"] = "kubelet is posting ready status",
        });
        return node;
    }
}
