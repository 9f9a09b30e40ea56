using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Surge.Provisioner.Configuration;

namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>Checks <see cref="KubernetesOptions"/> when the Provisioner starts; every message names its full key.</summary>
public sealed partial class KubernetesOptionsValidator(IConfiguration configuration) : IValidateOptions<KubernetesOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, KubernetesOptions options)
    {
        var section = KubernetesOptions.Section;
        var errors = UnknownConfigurationKeys.Find(configuration.GetSection(section), typeof(KubernetesOptions)).ToList();
        foreach (var (cluster, settings) in options.Clusters)
        {
            errors.AddRange(ValidateCluster($"{section}:Clusters:{cluster}", settings));
        }

        foreach (var (pool, cluster) in options.Pools.Where(entry => !options.Clusters.ContainsKey(entry.Value)))
        {
            errors.Add($"{section}:Pools:{pool} names cluster '{cluster}', which is not under {section}:Clusters. Use one of: {string.Join(", ", options.Clusters.Keys)}.");
        }

        if (string.IsNullOrWhiteSpace(options.PoolLabel))
        {
            errors.Add($"{section}:PoolLabel is empty; give the node label that holds the pool name, such as surge.io/pool.");
        }

        if (options.ContainerPort is < 1 or > 65535)
        {
            errors.Add($"{section}:ContainerPort is {options.ContainerPort}; give the port the main container serves HTTP on, 1 to 65535.");
        }

        if (options.ReadyTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:ReadyTimeout is {options.ReadyTimeout}; give a positive duration such as 00:05:00.");
        }

        if (options.WatchIdleTimeout <= TimeSpan.Zero)
        {
            errors.Add($"{section}:WatchIdleTimeout is {options.WatchIdleTimeout}; give a positive duration such as 00:01:00.");
        }

        foreach (var (service, settings) in options.Services)
        {
            foreach (var (sidecar, sidecarSettings) in settings.Sidecars)
            {
                errors.AddRange(ValidateSidecar($"{section}:Services:{service}:Sidecars:{sidecar}", sidecar, sidecarSettings));
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> ValidateCluster(string key, KubernetesClusterOptions cluster)
    {
        var hasFile = !string.IsNullOrWhiteSpace(cluster.KubeconfigPath);
        if (hasFile == cluster.InCluster)
        {
            yield return $"{key} needs exactly one of KubeconfigPath and InCluster=true.";
        }
        else if (hasFile && !File.Exists(cluster.KubeconfigPath))
        {
            yield return $"{key}:KubeconfigPath is '{cluster.KubeconfigPath}', which does not exist; give the path of a kubeconfig file.";
        }

        if (!DnsLabel().IsMatch(cluster.Namespace))
        {
            yield return $"{key}:Namespace is '{cluster.Namespace}'; give a DNS label such as surge.";
        }
    }

    private static IEnumerable<string> ValidateSidecar(string key, string name, SidecarOptions sidecar)
    {
        if (!DnsLabel().IsMatch(name) || name == PodTemplate.MainContainer)
        {
            yield return $"{key} is not a usable container name; give a DNS label other than '{PodTemplate.MainContainer}', such as log-shipper.";
        }

        if (string.IsNullOrWhiteSpace(sidecar.Image))
        {
            yield return $"{key}:Image is empty; give the image the sidecar runs.";
        }

        if (sidecar.CpuMillicores < 0 || sidecar.MemoryMiB < 0)
        {
            yield return $"{key} has negative resources; give CpuMillicores and MemoryMiB of 0 or more.";
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();
}
