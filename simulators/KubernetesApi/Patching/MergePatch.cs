using System.Text.Json.Nodes;

namespace Surge.Simulators.KubernetesApi.Patching;

/// <summary>
/// JSON merge patch (RFC 7386) and the part of strategic merge patch that pods need: lists of containers merge by
/// <c>name</c>, and every other list is replaced. <c>$patch</c> directives are not supported.
/// </summary>
public static class MergePatch
{
    // The lists whose items strategic merge patch merges by a key instead of replacing, with that key.
    private static readonly Dictionary<string, string> MergeKeys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["tolerations"] = "key",
    };

    /// <summary>Applies <paramref name="patch"/> to <paramref name="target"/> and returns the result.</summary>
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch, bool strategic)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
                continue;
            }

            var current = result.TryGetPropertyValue(name, out var existing) ? existing : null;
            result[name] = strategic && value is JsonArray items && current is JsonArray currentItems && MergeKeys.TryGetValue(name, out var key)
                ? MergeByKey(currentItems, items, key)
                : Apply(current?.DeepClone(), value, strategic);
        }

        return result;
    }

    private static JsonArray MergeByKey(JsonArray current, JsonArray patch, string key)
    {
        var merged = new JsonArray([.. current.Select(item => item?.DeepClone())]);
        foreach (var item in patch.OfType<JsonObject>())
        {
            var id = item[key]?.GetValue<string>();
            var match = merged.OfType<JsonObject>().FirstOrDefault(candidate => candidate[key]?.GetValue<string>() == id);
            if (match is null)
            {
                merged.Add(item.DeepClone());
                continue;
            }

            var index = merged.IndexOf(match);
            merged[index] = Apply(match.DeepClone(), item, strategic: true);
        }

        return merged;
    }
}
