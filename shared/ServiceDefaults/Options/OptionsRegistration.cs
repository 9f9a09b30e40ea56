using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Surge.ServiceDefaults.Options;

/// <summary>Binds the shared options and validates them when the host starts, so a missing setting fails with its full key.</summary>
public static class OptionsRegistration
{
    /// <summary>Binds <see cref="SurgeOptions"/> and <see cref="ConnectionOptions"/> and validates them at start.</summary>
    public static IHostApplicationBuilder AddSurgeOptions(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOptions<SurgeOptions>()
            .Bind(builder.Configuration.GetSection(SurgeOptions.Section))
            .PostConfigure(options => options.ServiceName = string.IsNullOrWhiteSpace(options.ServiceName) ? serviceName : options.ServiceName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return builder;
    }

    /// <summary>Binds <see cref="ConnectionOptions"/>; services that store or send messages call this.</summary>
    public static IServiceCollection AddConnectionOptions(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<ConnectionOptions>()
            .Bind(configuration.GetSection(ConnectionOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        return services;
    }
}
