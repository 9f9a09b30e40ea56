using Microsoft.Extensions.Options;

namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>Registers the Kubernetes driver.</summary>
public static class KubernetesRegistration
{
    /// <summary>
    /// Binds <see cref="KubernetesOptions"/> from the <c>Kubernetes</c> section, validates them when the host starts, and
    /// adds the cluster clients, the node directory and the driver.
    /// </summary>
    public static IServiceCollection AddKubernetesDriver(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KubernetesOptions>()
            .Bind(configuration.GetSection(KubernetesOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KubernetesOptions>>(new KubernetesOptionsValidator(configuration));
        services.AddSingleton<KubernetesClusters>();
        services.AddSingleton<KubernetesNodeDirectory>();
        services.AddSingleton<KubernetesDriver>();
        return services;
    }

    /// <summary>Returns whether <c>Kubernetes:Pools</c> maps any pool to a cluster.</summary>
    public static bool HasMappedPools(IConfiguration configuration) =>
        configuration.GetSection($"{KubernetesOptions.Section}:{nameof(KubernetesOptions.Pools)}").GetChildren().Any();
}
