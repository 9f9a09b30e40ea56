using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Surge.ServiceDefaults.Telemetry;

/// <summary>Configures OpenTelemetry traces, metrics and logs for a Surge service.</summary>
public static class TelemetryExtensions
{
    /// <summary>The activity source and meter Surge's own code reports to.</summary>
    public const string SurgeSource = "Surge";

    /// <summary>Adds tracing and metrics for ASP.NET Core, HttpClient, Npgsql, Marten, MassTransit and Surge, exported over OTLP when an endpoint is configured.</summary>
    public static IHostApplicationBuilder AddSurgeTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter("MassTransit", "Marten", SurgeSource))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, SurgeSource, "MassTransit", "Marten")
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !context.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql());

        // The exporter is added only when an endpoint is configured, so a local run sends nothing anywhere.
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            builder.Services.AddOpenTelemetry().UseOtlpExporter();
        }

        return builder;
    }
}
