using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Surge.ServiceDefaults.Health;

/// <summary>Registers and maps the liveness and readiness endpoints.</summary>
public static class HealthExtensions
{
    /// <summary>The tag of checks that must pass before the service takes traffic.</summary>
    public const string ReadyTag = "ready";

    private const string LiveTag = "live";

    /// <summary>Adds the liveness check; services add readiness checks for what they depend on.</summary>
    public static IServiceCollection AddDefaultHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy(), [LiveTag]);
        return services;
    }

    /// <summary>Maps <c>/health/live</c> (the process answers) and <c>/health/ready</c> (its dependencies answer too).</summary>
    public static WebApplication MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(LiveTag) || check.Tags.Contains(ReadyTag),
        });
        return app;
    }
}
