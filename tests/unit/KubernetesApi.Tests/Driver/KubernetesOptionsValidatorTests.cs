using Microsoft.Extensions.Configuration;
using Surge.Provisioner.Providers.Kubernetes;

namespace Surge.KubernetesApi.Tests.Driver;

public class KubernetesOptionsValidatorTests
{
    private static IReadOnlyList<string> Validate(KubernetesOptions options) =>
        new KubernetesOptionsValidator(new ConfigurationBuilder().Build()).Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void Validate_Defaults_Succeeds() =>
        Assert.Empty(Validate(new KubernetesOptions()));

    [Fact]
    public void Validate_PoolOfUnknownCluster_NamesKey()
    {
        var errors = Validate(new KubernetesOptions { Pools = { ["feed-pool"] = "missing" } });

        Assert.Contains(errors, error => error.StartsWith("Kubernetes:Pools:feed-pool names cluster 'missing'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ClusterWithoutAccess_NamesKey()
    {
        var errors = Validate(new KubernetesOptions { Clusters = { ["a"] = new KubernetesClusterOptions() } });

        Assert.Contains("Kubernetes:Clusters:a needs exactly one of KubeconfigPath and InCluster=true.", errors);
    }

    [Fact]
    public void Validate_MissingKubeconfigFile_NamesKey()
    {
        var errors = Validate(new KubernetesOptions { Clusters = { ["a"] = new KubernetesClusterOptions { KubeconfigPath = "/nonexistent/kubeconfig" } } });

        Assert.Contains(errors, error => error.StartsWith("Kubernetes:Clusters:a:KubeconfigPath", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_SidecarNamedApp_NamesKey()
    {
        var options = new KubernetesOptions();
        options.Services["feed"] = new KubernetesServiceOptions { Sidecars = { ["app"] = new SidecarOptions { Image = "x" } } };

        Assert.Contains(Validate(options), error => error.StartsWith("Kubernetes:Services:feed:Sidecars:app", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_MisspeltKey_NamesIt()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Kubernetes:WatchIdleTimout"] = "00:00:10" }).Build();

        var errors = new KubernetesOptionsValidator(configuration).Validate(null, new KubernetesOptions()).Failures!;

        Assert.Contains(errors, error => error.StartsWith("Kubernetes:WatchIdleTimout is not a setting", StringComparison.Ordinal));
    }
}
