using Marten;

namespace Surge.LoadBalancer.Degradation;

/// <summary>Registers the degradation switches' data plane table and the listener that keeps it current.</summary>
public static class DegradationRegistration
{
    /// <summary>Adds the <see cref="DegradationTable"/> and the <see cref="DegradationCommitListener"/>.</summary>
    public static WebApplicationBuilder AddDegradation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DegradationTable>();
        builder.Services.AddSingleton<DegradationCommitListener>();
        builder.Services.ConfigureMarten((services, options) => options.Listeners.Add(services.GetRequiredService<DegradationCommitListener>()));
        return builder;
    }
}
