using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Surge.ServiceDefaults.Telemetry;

/// <summary>Configures structured console logs.</summary>
public static class LoggingExtensions
{
    /// <summary>Writes logs as JSON lines with scopes, so correlation and message ids reach every line.</summary>
    public static IHostApplicationBuilder AddStructuredLogging(this IHostApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(options =>
        {
            options.IncludeScopes = true;
            options.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            options.UseUtcTimestamp = true;
        });

        // Marten logs every failed command at Error, including the version conflicts and duplicate stream starts that
        // Surge expects and retries. The exception still reaches Surge's code, which logs what is really a failure.
        builder.Logging.AddFilter("Marten.IDocumentStore", LogLevel.Critical);
        return builder;
    }
}
