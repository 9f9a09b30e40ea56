using Marten;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Yarp.ReverseProxy.Configuration;

namespace Surge.LoadBalancer.DataPlane;

/// <summary>Registers the embedded YARP data plane and its listener.</summary>
public static class DataPlaneRegistration
{
    /// <summary>
    /// Adds YARP with an in-memory configuration fed from the pools' read models, the listener that applies committed
    /// pool changes, the periodic refresh, and the data plane URL as an extra Kestrel address beside the control URLs.
    /// </summary>
    public static WebApplicationBuilder AddDataPlane(this WebApplicationBuilder builder)
    {
        ListenOnDataPlaneUrl(builder);

        builder.Services.AddReverseProxy().LoadFromMemory([], []);
        builder.Services.AddSingleton<InFlightRequests>();
        builder.Services.AddSingleton<BackendTraffic>();
        builder.Services.AddSingleton<DataPlaneConfig>();
        builder.Services.AddSingleton<IConfigChangeListener>(services => services.GetRequiredService<DataPlaneConfig>());
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, DataPlanePortPolicy>());

        builder.Services.AddSingleton<PoolCommitListener>();
        builder.Services.ConfigureMarten((services, options) => options.Listeners.Add(services.GetRequiredService<PoolCommitListener>()));
        builder.Services.AddHostedService<DataPlaneRefresher>();
        return builder;
    }

    private static void ListenOnDataPlaneUrl(WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(LoadBalancerOptions.Section).Get<LoadBalancerOptions>() ?? new LoadBalancerOptions();
        var dataPlane = options.TryGetDataPlaneUri();
        if (dataPlane is null)
        {
            // Options validation at start reports the invalid URL with its key.
            return;
        }

        var controlUrls = (builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (controlUrls.Length == 0)
        {
            throw new InvalidOperationException(
                "No control URL is configured. Set Urls (or --urls) to the control API's address, such as http://127.0.0.1:5085. " +
                "LoadBalancer:DataPlaneUrl only carries proxied traffic.");
        }

        if (controlUrls.Any(url => PortOf(url) == dataPlane.Port))
        {
            throw new InvalidOperationException(
                $"LoadBalancer:DataPlaneUrl '{options.DataPlaneUrl}' uses port {dataPlane.Port}, which a control URL in '{string.Join(";", controlUrls)}' also uses. " +
                "Give the data plane its own port, because requests are routed to the proxy or to the control API by port.");
        }

        builder.WebHost.UseUrls([.. controlUrls, options.DataPlaneUrl]);
    }

    private static int? PortOf(string url)
    {
        // Kestrel accepts wildcard hosts ("*", "+") that Uri does not parse, so swap them for a parseable one.
        var parseable = url.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal);
        return Uri.TryCreate(parseable, UriKind.Absolute, out var uri) ? uri.Port : null;
    }
}
