using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Surge.Simulators.KubernetesApi.Api;

/// <summary>Serializes objects as the API server does, with quotes escaped as <c>\"</c> rather than <c>\u0022</c>.</summary>
public static class KubernetesJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Returns <paramref name="node"/> as compact JSON text.</summary>
    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
