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
            options.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            options.UseUtcTimestamp = true;
        });
        return builder;
    }
}
