using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Surge.ServiceDefaults.Options;

namespace Surge.ServiceDefaults;

/// <summary>Builds, starts and runs a service, and turns a start refused over a setting into a readable message.</summary>
public static partial class ServiceRunner
{
    /// <summary>The exit code of a service that did not start because a setting is missing or invalid.</summary>
    public const int InvalidConfigurationExitCode = 78;

    /// <summary>
    /// Builds the service with the defaults every service shares, lets <paramref name="addService"/> register its
    /// parts and <paramref name="mapService"/> map its endpoints, then runs it until it stops and returns its exit
    /// code. Settings are read while the service is built, while its endpoints are mapped and when it starts. When one
    /// is invalid, the service writes one line per setting to standard error, logs them when logging is set up by then,
    /// and exits with <see cref="InvalidConfigurationExitCode"/> (EX_CONFIG in sysexits.h) instead of a stack trace.
    /// </summary>
    public static int Run(string[] args, string serviceName, Action<WebApplicationBuilder> addService, Action<WebApplication> mapService)
    {
        var builder = WebApplication.CreateBuilder(args);
        WebApplication? app = null;
        try
        {
            builder.AddServiceDefaults(serviceName);
            addService(builder);
            app = builder.Build();

            // Every options class registered for validation at start is checked here at once, so all of its invalid
            // settings are reported together, before mapping the endpoints resolves the first of them on its own.
            app.Services.GetService<IStartupValidator>()?.Validate();
            app.MapDefaultEndpoints();
            mapService(app);

            // Started and awaited in two steps rather than with Run, which disposes the host and its configuration
            // before a start failure reaches this method, and the explanation reads the settings from that configuration.
            app.Start();
        }
        catch (Exception exception) when (ConfigurationErrors.Explain(exception, builder.Configuration) is { } problems)
        {
            Report(app, builder.Environment.ApplicationName, problems);
            (app as IDisposable)?.Dispose();
            return InvalidConfigurationExitCode;
        }

        app.WaitForShutdown();
        ((IDisposable)app).Dispose();
        return 0;
    }

    private static void Report(WebApplication? app, string applicationName, IReadOnlyList<string> problems)
    {
        if (app is not null)
        {
            LogInvalidConfiguration(app.Logger, string.Join(" ", problems));
        }

        Console.Error.WriteLine($"{applicationName} did not start because of its settings:");
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"  - {problem}");
        }

        Console.Error.WriteLine("Settings come from appsettings.json, environment variables and command-line arguments. docs/guide/configuration.md lists them.");
    }

    [LoggerMessage(EventId = 3, Level = LogLevel.Critical, Message = "Not started because of invalid settings: {Problems}")]
    private static partial void LogInvalidConfiguration(ILogger logger, string problems);
}
