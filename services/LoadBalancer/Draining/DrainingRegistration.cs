using Marten;

namespace Surge.LoadBalancer.Draining;

/// <summary>Registers what ends drains after the message that started them.</summary>
public static class DrainingRegistration
{
    /// <summary>Adds the watch list of pending drains, the commit listener that feeds it, and the background finisher.</summary>
    public static WebApplicationBuilder AddDraining(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<DrainWatchList>();
        builder.Services.AddSingleton<DrainCompletion>();
        builder.Services.AddSingleton<DrainCommitListener>();
        builder.Services.ConfigureMarten((services, options) => options.Listeners.Add(services.GetRequiredService<DrainCommitListener>()));
        builder.Services.AddHostedService<DrainFinisher>();
        return builder;
    }
}
