using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Surge.ServiceDefaults.Options;

namespace Surge.ServiceDefaults;

/// <summary>Runs a service until it stops, and turns a start refused over a setting into a readable message.</summary>
public static partial class ServiceRunner
{
    /// <summary>The exit code of a service that did not start because a setting is missing or invalid.</summary>
    public const int InvalidConfigurationExitCode = 78;

    /// <summary>
    /// Runs the service and returns its exit code. When a setting is invalid, the service logs one line per setting
    /// and writes the same lines to standard error, then exits with <see cref="InvalidConfigurationExitCode"/>
    /// (EX_CONFIG in sysexits.h) instead of aborting with a stack trace.
    /// </summary>
    public static int RunService(this WebApplication app)
    {
        // Started and awaited in two steps rather than with Run, which disposes the host and its configuration before
        // a start failure reaches this method, and the explanation reads the settings' values from that configuration.
        try
        {
            app.Start();
        }
        catch (Exception exception) when (ConfigurationErrors.Explain(exception, app.Configuration) is { } problems)
        {
            LogInvalidConfiguration(app.Logger, string.Join(" ", problems));
            Console.Error.WriteLine($"{app.Environment.ApplicationName} did not start because of its settings:");
            foreach (var problem in problems)
            {
                Console.Error.WriteLine($"  - {problem}");
            }

            Console.Error.WriteLine("Settings come from appsettings.json, environment variables and command-line arguments; docs/guide/configuration.md lists them.");
            ((IDisposable)app).Dispose();
            return InvalidConfigurationExitCode;
        }

        app.WaitForShutdown();
        ((IDisposable)app).Dispose();
        return 0;
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "Not started because of invalid settings: {Problems}")]
    private static partial void LogInvalidConfiguration(ILogger logger, string problems);
}
