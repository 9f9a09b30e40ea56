using System.Net;
using Microsoft.Extensions.Options;
using Surge.Simulators.KubernetesApi.Api;
using Surge.Simulators.KubernetesApi.Hooks;
using Surge.Simulators.KubernetesApi.Kubelet;
using Surge.Simulators.KubernetesApi.Options;
using Surge.Simulators.KubernetesApi.Store;

namespace Surge.Simulators.KubernetesApi;

/// <summary>Builds the Kubernetes API server simulator, for its own process and for tests that host it in theirs.</summary>
public static class SimulatorApp
{
    /// <summary>The address the simulator listens on when <c>Urls</c> is not configured: loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:6440";

    /// <summary>
    /// Creates the simulator from command-line arguments and optional extra settings, which override every other source.
    /// The host refuses to start when it would listen on an address other than loopback, unless
    /// <c>KubernetesApi:AllowRemoteClients</c> is true.
    /// </summary>
    public static WebApplication Create(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? DefaultUrl);
        builder.Services.AddOptions<SimulatorOptions>()
            .Bind(builder.Configuration.GetSection(SimulatorOptions.Section))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SimulatorOptions>, SimulatorOptionsValidator>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ClusterStore>();
        builder.Services.AddHostedService<KubeletSimulator>();
        builder.Services.AddHostedService<BookmarkTimer>();

        var app = builder.Build();
        RejectRemoteListeners(app);

        // Ending the watches lets clients finish reading at once, instead of the host waiting while they drain them.
        var store = app.Services.GetRequiredService<ClusterStore>();
        app.Lifetime.ApplicationStopping.Register(store.CloseWatches);
        app.MapKubernetesApi();
        app.MapSimulatorHooks();
        return app;
    }

    // The simulator has no authentication, so it listens on loopback unless AllowRemoteClients is set.
    private static void RejectRemoteListeners(WebApplication app)
    {
        var options = app.Services.GetRequiredService<IOptions<SimulatorOptions>>().Value;
        var urls = (app.Configuration["Urls"] ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries);
        var remote = urls.Where(url => !IsLoopback(url)).ToList();
        if (remote.Count > 0 && !options.AllowRemoteClients)
        {
            throw new OptionsValidationException(
                SimulatorOptions.Section,
                typeof(SimulatorOptions),
                [$"Urls {string.Join(";", remote)} is not a loopback address. Listen on 127.0.0.1 or [::1], or set {SimulatorOptions.Section}:AllowRemoteClients to true."]);
        }
    }

    private static bool IsLoopback(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
    }
}
