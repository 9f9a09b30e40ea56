using System.Text.Json;
using System.Text.RegularExpressions;
using k8s.Models;

namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>Builds the pod of one instance: bound to its node, with its address, labels, resources and sidecars.</summary>
public static partial class PodTemplate
{
    /// <summary>The name of the container that runs the service's image.</summary>
    public const string MainContainer = "app";

    /// <summary>The Calico annotation that gives a pod its address: a JSON array of addresses, as a string.</summary>
    public const string CalicoIpAddrs = "cni.projectcalico.org/ipAddrs";

    /// <summary>The label with the service name.</summary>
    public const string ServiceLabel = "surge.io/service";

    /// <summary>The label with the version, the tag of the main container's image.</summary>
    public const string VersionLabel = "surge.io/version";

    /// <summary>The label with the instance id.</summary>
    public const string InstanceLabel = "surge.io/instance-id";

    /// <summary>Returns the pod name of an instance: its service, cut to 30 characters, and its id.</summary>
    public static string PodName(string service, Guid instanceId) =>
        $"{service[..Math.Min(service.Length, 30)].TrimEnd('-')}-{instanceId:N}";

    /// <summary>Returns the label selector that finds an instance's pod.</summary>
    public static string InstanceSelector(Guid instanceId) => $"{InstanceLabel}={instanceId}";

    /// <summary>Builds the pod for <paramref name="launch"/> with the sidecars its service declares.</summary>
    public static V1Pod Build(InstanceLaunch launch, IReadOnlyDictionary<string, SidecarOptions> sidecars, int containerPort)
    {
        var main = new V1Container
        {
            Name = MainContainer,
            Image = launch.Image,
            Ports = [new V1ContainerPort { Name = "http", ContainerPort = containerPort, Protocol = "TCP" }],
            Resources = Resources(launch.CpuMillicores, launch.MemoryMiB),
        };
        var extra = sidecars.Select(sidecar => new V1Container
        {
            Name = sidecar.Key,
            Image = sidecar.Value.Image,
            Resources = Resources(sidecar.Value.CpuMillicores, sidecar.Value.MemoryMiB),
        });

        return new V1Pod
        {
            ApiVersion = "v1",
            Kind = "Pod",
            Metadata = new V1ObjectMeta
            {
                Name = PodName(launch.Service, launch.InstanceId),
                Labels = new Dictionary<string, string>
                {
                    [ServiceLabel] = launch.Service,
                    [VersionLabel] = Version(launch.Image),
                    [InstanceLabel] = launch.InstanceId.ToString(),
                },
                Annotations = new Dictionary<string, string> { [CalicoIpAddrs] = JsonSerializer.Serialize(new[] { launch.Address }) },
            },
            Spec = new V1PodSpec
            {
                NodeName = launch.Node,
                RestartPolicy = "Always",
                Containers = [main, .. extra],
            },
        };
    }

    /// <summary>
    /// Returns the version label value of an image: its tag, or the start of its digest when it is pinned by one, or
    /// <c>latest</c>, cut to a valid label value.
    /// </summary>
    public static string Version(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var colon = image.LastIndexOf(':');
        var version = at >= 0 ? image[(at + 1)..].Replace(':', '-')
            : colon > image.LastIndexOf('/') ? image[(colon + 1)..]
            : "latest";
        var cleaned = NotLabelCharacters().Replace(version, "-");
        return cleaned[..Math.Min(cleaned.Length, 63)].Trim('-', '.', '_');
    }

    private static V1ResourceRequirements? Resources(int cpuMillicores, int memoryMiB)
    {
        var quantities = new Dictionary<string, ResourceQuantity>();
        if (cpuMillicores > 0)
        {
            quantities["cpu"] = new ResourceQuantity($"{cpuMillicores}m");
        }

        if (memoryMiB > 0)
        {
            quantities["memory"] = new ResourceQuantity($"{memoryMiB}Mi");
        }

        // Requests equal to limits give the main container its whole shape, and the pod the Guaranteed class when sidecars do the same.
        return quantities.Count == 0 ? null : new V1ResourceRequirements { Requests = quantities, Limits = new Dictionary<string, ResourceQuantity>(quantities) };
    }

    [GeneratedRegex("[^A-Za-z0-9._-]")]
    private static partial Regex NotLabelCharacters();
}
