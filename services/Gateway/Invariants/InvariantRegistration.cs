using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Surge.Gateway.Invariants;

/// <summary>Registers the invariant check.</summary>
public static class InvariantRegistration
{
    /// <summary>Adds the invariant check and the clock it stamps reports with.</summary>
    public static IServiceCollection AddInvariantChecks(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FleetSnapshotReader>();
        services.AddSingleton<InvariantCheck>();
        return services;
    }
}
