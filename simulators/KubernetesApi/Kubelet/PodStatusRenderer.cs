using System.Globalization;
using System.Text.Json.Nodes;
using Surge.Simulators.KubernetesApi.Store;

namespace Surge.Simulators.KubernetesApi.Kubelet;

/// <summary>Writes a <see cref="PodRuntime"/> into a pod's status in the shape a real kubelet reports.</summary>
public static class PodStatusRenderer
{
    /// <summary>The Calico annotation that requests a pod's address: a JSON array of addresses, as a string.</summary>
    public const string CalicoIpAddrs = "cni.projectcalico.org/ipAddrs";

    /// <summary>Returns <paramref name="pod"/> with its status, and the Calico status annotations once its sandbox exists.</summary>
    public static JsonObject Render(JsonObject pod, PodRuntime runtime, string podIp, string? hostIp, DateTimeOffset now)
    {
        var previous = pod["status"] as JsonObject ?? [];
        var stamp = ClusterStore.Timestamp(now);
        var status = new JsonObject
        {
            ["observedGeneration"] = runtime.ObservedGeneration,
            ["phase"] = runtime.AllStarted ? "Running" : "Pending",
            ["conditions"] = new JsonArray(
                Condition(previous, "PodReadyToStartContainers", runtime.SandboxReady, stamp),
                Condition(previous, "Initialized", true, stamp),
                Condition(previous, "Ready", runtime.AllReady, stamp),
                Condition(previous, "ContainersReady", runtime.AllReady, stamp),
                Condition(previous, "PodScheduled", true, stamp)),
        };
        if (hostIp is not null)
        {
            status["hostIP"] = hostIp;
            status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = hostIp });
        }

        if (runtime.SandboxReady)
        {
            status["podIP"] = podIp;
            status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = podIp });
            var annotations = pod["metadata"]!["annotations"] as JsonObject ?? [];
            pod["metadata"]!["annotations"] = annotations;
            annotations["cni.projectcalico.org/podIP"] = podIp + "/32";
            annotations["cni.projectcalico.org/podIPs"] = podIp + "/32";
        }

        status["startTime"] = ClusterStore.Timestamp(runtime.AdmittedAt);
        status["containerStatuses"] = new JsonArray([.. runtime.Containers.Select(ContainerStatus)]);
        status["qosClass"] = previous["qosClass"]?.DeepClone();
        pod["status"] = status;
        return pod;
    }

    private static JsonObject ContainerStatus(ContainerRuntime container)
    {
        var started = container.StartedAt is { } at ? ClusterStore.Timestamp(at) : null;
        var state = container.ContainerId is null
            ? new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "ContainerCreating" } }
            : new JsonObject { ["running"] = new JsonObject { ["startedAt"] = started } };
        var lastState = container.LastContainerId is null
            ? new JsonObject()
            : new JsonObject
            {
                ["terminated"] = new JsonObject
                {
                    ["exitCode"] = 0,
                    ["reason"] = "Completed",
                    ["containerID"] = container.LastContainerId,
                },
            };
        var status = new JsonObject
        {
            ["name"] = container.Name,
            ["state"] = state,
            ["lastState"] = lastState,
            ["ready"] = container.Stage == ContainerStage.Ready,
            ["restartCount"] = container.RestartCount,
            ["image"] = container.Image,
            ["imageID"] = container.ImageId,
        };
        if (container.ContainerId is not null)
        {
            status["containerID"] = container.ContainerId;
        }

        status["started"] = container.ContainerId is not null;
        return status;
    }

    // A condition keeps its transition time while its status stays the same, as the kubelet does.
    private static JsonObject Condition(JsonObject previous, string type, bool isTrue, string stamp)
    {
        var value = isTrue ? "True" : "False";
        var before = (previous["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(condition => condition["type"]?.GetValue<string>() == type);
        var since = before?["status"]?.GetValue<string>() == value ? before["lastTransitionTime"]?.GetValue<string>() ?? stamp : stamp;
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = value,
            ["lastProbeTime"] = null,
            ["lastTransitionTime"] = since,
        };
    }

    /// <summary>
    /// Returns the address the pod asked for with <see cref="CalicoIpAddrs"/>, or null when it asked for none. Throws
    /// <see cref="FormatException"/> when the annotation is not a JSON array of strings.
    /// </summary>
    public static string? RequestedAddress(JsonObject pod)
    {
        if (pod["metadata"]?["annotations"]?[CalicoIpAddrs]?.GetValue<string>() is not { } value)
        {
            return null;
        }

        try
        {
            return (JsonNode.Parse(value) as JsonArray)?.FirstOrDefault()?.GetValue<string>()
                ?? throw new FormatException($"{CalicoIpAddrs} is '{value}', not a JSON array of addresses");
        }
        catch (System.Text.Json.JsonException exception)
        {
            throw new FormatException($"{CalicoIpAddrs} is '{value}', not a JSON array of addresses", exception);
        }
    }

    /// <summary>Returns the n-th address the simulator hands out to pods that ask for none, from 10.244.0.0/16.</summary>
    public static string AllocatedAddress(int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"10.244.{sequence / 250 % 256}.{(sequence % 250) + 2}");
}
