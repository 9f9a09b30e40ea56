using Microsoft.Extensions.Options;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Simulation.Clouds;
using Surge.Provisioner.Simulation.NetworkInterfaces;
using Surge.Provisioner.Simulation.Outages;

namespace Surge.Provisioner.Simulation;

/// <summary>Registers the simulated data centre as the instance provider.</summary>
public static class SimulatedDataCentreRegistration
{
    /// <summary>
    /// Binds <see cref="SimulatedDataCentreOptions"/> from the <c>SimulatedDataCentre</c> section, validates them when
    /// the host starts, and adds the fault plan, the provider, the simulated clouds with their network interfaces, and
    /// the node outage switch.
    /// </summary>
    public static IServiceCollection AddSimulatedDataCentre(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SimulatedDataCentreOptions>()
            .Bind(configuration.GetSection(SimulatedDataCentreOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<SimulatedDataCentreOptions>>(new SimulatedDataCentreOptionsValidator(configuration));
        services.AddSingleton(provider => SimulatedDataCentreFaults.CreatePlan(provider.GetRequiredService<IOptions<SimulatedDataCentreOptions>>().Value));
        services.AddSingleton<SimulatedDataCentre>();
        services.AddSingleton<IInstanceProvider>(provider => provider.GetRequiredService<SimulatedDataCentre>());
        services.AddSingleton<SimulatedClouds>();
        services.AddSingleton<SimulatedNetworkInterfaces>();
        services.AddSingleton<NodeOutages>();
        services.AddSingleton<INodeReachability>(provider => provider.GetRequiredService<NodeOutages>());
        services.AddSingleton<NodeOutageControl>();
        return services;
    }
}
