using System.Text.Json.Nodes;
using Surge.Simulators.KubernetesApi.Api;
using Surge.Simulators.KubernetesApi.Store;

namespace Surge.Simulators.KubernetesApi.Patching;

/// <summary>Applies a patch to an object the way the API server's main resource endpoint does.</summary>
public static class PatchRules
{
    private static readonly string[] ServerFields = ["name", "namespace", "uid", "resourceVersion", "creationTimestamp", "generation"];

    /// <summary>
    /// Returns <paramref name="current"/> patched. Server-set metadata and the status stay as they were, because status
    /// is a subresource. For a pod, a spec change other than container images throws <see cref="PatchRejectedException"/>.
    /// </summary>
    public static JsonObject Apply(ResourceKey key, JsonObject current, JsonObject patch, bool strategic)
    {
        var before = (JsonObject)current.DeepClone();
        var patched = MergePatch.Apply(current, patch, strategic) as JsonObject
            ?? throw new PatchRejectedException("the patch must leave an object");

        var metadata = patched["metadata"] as JsonObject ?? [];
        patched["metadata"] = metadata;
        foreach (var field in ServerFields)
        {
            if (before["metadata"]?[field] is { } value)
            {
                metadata[field] = value.DeepClone();
            }
            else
            {
                metadata.Remove(field);
            }
        }

        patched.Remove("status");
        if (before["status"] is { } status)
        {
            patched["status"] = status.DeepClone();
        }

        if (key.Kind == ResourceKind.Pods && PodRules.CheckUpdate(before, patched) is { } forbidden)
        {
            throw new PatchRejectedException(forbidden);
        }

        return patched;
    }
}
