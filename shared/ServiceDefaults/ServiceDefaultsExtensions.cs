using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Health;
using Surge.ServiceDefaults.Options;
using Surge.ServiceDefaults.Problems;
using Surge.ServiceDefaults.Telemetry;

namespace Surge.ServiceDefaults;

/// <summary>Registers and maps what every Surge service has: telemetry, health, problem details, OpenAPI and correlation.</summary>
public static class ServiceDefaultsExtensions
{
    /// <summary>Adds OpenTelemetry, structured logging, health checks, problem details, OpenAPI and validated service options.</summary>
    public static IHostApplicationBuilder AddServiceDefaults(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.AddSurgeOptions(serviceName);
        builder.AddStructuredLogging();
        builder.AddSurgeTelemetry(serviceName);
        builder.Services.AddDefaultHealthChecks();
        builder.Services.AddSurgeProblemDetails();
        builder.Services.AddOpenApi();
        builder.Services.AddCorrelation();
        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(15));
        return builder;
    }

    /// <summary>Maps the health endpoints and the OpenAPI document, and installs the exception handler and correlation middleware.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseCorrelation();
        app.MapOpenApi();
        app.MapHealthEndpoints();
        return app;
    }
}
