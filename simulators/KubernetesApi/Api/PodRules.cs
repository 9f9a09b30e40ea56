using System.Text.Json.Nodes;

namespace Surge.Simulators.KubernetesApi.Api;

/// <summary>What the API server checks and fills in on pods.</summary>
public static class PodRules
{
    /// <summary>Returns why a new pod is invalid, or null.</summary>
    public static string? CheckNew(JsonObject pod)
    {
        if (pod["spec"]?["containers"] is not JsonArray { Count: > 0 } containers)
        {
            return "spec.containers: Required value";
        }

        for (var index = 0; index < containers.Count; index++)
        {
            if (string.IsNullOrEmpty(containers[index]?["name"]?.GetValue<string>()))
            {
                return $"spec.containers[{index}].name: Required value";
            }

            if (string.IsNullOrEmpty(containers[index]?["image"]?.GetValue<string>()))
            {
                return $"spec.containers[{index}].image: Required value";
            }
        }

        return null;
    }

    /// <summary>
    /// Returns why the spec change from <paramref name="before"/> to <paramref name="after"/> is forbidden, or null. As on a
    /// real cluster, only container images may change in a running pod's spec (tolerations and deadlines are not simulated).
    /// </summary>
    public static string? CheckUpdate(JsonObject before, JsonObject after)
    {
        if (CheckNew(after) is { } invalid)
        {
            return invalid;
        }

        return JsonNode.DeepEquals(WithoutImages(before["spec"]), WithoutImages(after["spec"]))
            ? null
            : "spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`";
    }

    /// <summary>Returns the pod with the defaults the API server sets on creation and the Pending phase.</summary>
    public static JsonObject WithDefaults(JsonObject pod)
    {
        var spec = (JsonObject)pod["spec"]!;
        spec["restartPolicy"] ??= "Always";
        spec["terminationGracePeriodSeconds"] ??= 30;
        spec["dnsPolicy"] ??= "ClusterFirst";
        spec["schedulerName"] ??= "default-scheduler";
        foreach (var container in ((JsonArray)spec["containers"]!).OfType<JsonObject>())
        {
            container["resources"] ??= new JsonObject();
            container["terminationMessagePath"] ??= "/dev/termination-log";
            container["terminationMessagePolicy"] ??= "File";
            container["imagePullPolicy"] ??= "IfNotPresent";
        }

        pod["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = QosClass(spec) };
        return pod;
    }

    private static string QosClass(JsonObject spec)
    {
        var resources = ((JsonArray)spec["containers"]!).Select(container => container?["resources"] as JsonObject).ToList();
        if (resources.All(resource => resource is null || resource.Count == 0))
        {
            return "BestEffort";
        }

        var guaranteed = resources.All(resource =>
            resource?["limits"] is JsonObject limits
            && limits["cpu"] is not null && limits["memory"] is not null
            && (resource["requests"] is not JsonObject requests || JsonNode.DeepEquals(requests, limits)));
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static JsonNode? WithoutImages(JsonNode? spec)
    {
        var copy = spec?.DeepClone();
        foreach (var container in (copy?["containers"] as JsonArray ?? []).OfType<JsonObject>())
        {
            container.Remove("image");
        }

        return copy;
    }
}
