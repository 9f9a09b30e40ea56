using Marten;
using Microsoft.Extensions.Options;
using Surge.LoadBalancer.ListingBackends;
using Yarp.ReverseProxy.Configuration;

namespace Surge.LoadBalancer.DataPlane;

/// <summary>
/// Loads all pools from the read models and applies them to YARP, waiting until YARP reports the new configuration
/// applied. Reloads are serialized, and each one queries after it takes the lock, so the last reload always reflects
/// every commit that finished before it started.
/// </summary>
public sealed partial class DataPlaneConfig(
    InMemoryConfigProvider provider,
    InFlightRequests inFlightRequests,
    IOptions<LoadBalancerOptions> options,
    ILogger<DataPlaneConfig> logger) : IConfigChangeListener
{
    // YARP 2.3 usually applies an in-memory update before Update returns. The bound keeps a lost notification from
    // stalling the consumer whose commit triggered the reload.
    private static readonly TimeSpan ApplyTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim gate = new(1, 1);
    private ProxyConfigSnapshot current = ProxyConfigSnapshot.Empty;
    private PendingRevision? pending;

    /// <summary>Reads every pool from <paramref name="store"/> and applies the result to the data plane if it changed.</summary>
    /// <exception cref="InvalidOperationException">YARP rejected the configuration and keeps routing with the previous one.</exception>
    public async Task ReloadAsync(IDocumentStore store, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var session = store.QuerySession();
            var pools = await session.Query<BackendPoolView>().ToListAsync(cancellationToken);
            inFlightRequests.CaptureDraining(pools);
            var next = ProxyConfigFactory.Build(pools, options.Value.LoadBalancingPolicy);
            if (next.HasSameContent(current))
            {
                return;
            }

            await ApplyAsync(next, cancellationToken);
            current = next;
            LogApplied(logger, next.Clusters.Count, next.DestinationCount);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task ApplyAsync(ProxyConfigSnapshot next, CancellationToken cancellationToken)
    {
        var revision = new PendingRevision(Guid.NewGuid().ToString("N"));
        Volatile.Write(ref pending, revision);
        provider.Update(next.Routes, next.Clusters, revision.Id);

        try
        {
            await revision.Applied.Task.WaitAsync(ApplyTimeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            LogApplyTimedOut(logger, revision.Id, ApplyTimeout);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            throw new InvalidOperationException($"YARP rejected data plane configuration revision {revision.Id}.", exception);
        }
    }

    /// <inheritdoc />
    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        if (Volatile.Read(ref pending) is { } revision && proxyConfigs.Any(config => config.RevisionId == revision.Id))
        {
            revision.Applied.TrySetResult();
        }
    }

    /// <inheritdoc />
    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception)
    {
        if (Volatile.Read(ref pending) is { } revision && proxyConfigs.Any(config => config.RevisionId == revision.Id))
        {
            revision.Applied.TrySetException(exception);
        }
    }

    /// <inheritdoc />
    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception) =>
        Volatile.Read(ref pending)?.Applied.TrySetException(exception);

    /// <inheritdoc />
    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "Data plane configuration applied: {ServiceCount} services with {BackendCount} backends")]
    private static partial void LogApplied(ILogger logger, int serviceCount, int backendCount);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "YARP did not confirm data plane configuration revision {Revision} within {Timeout}; continuing without the confirmation")]
    private static partial void LogApplyTimedOut(ILogger logger, string revision, TimeSpan timeout);

    private sealed class PendingRevision(string id)
    {
        public string Id { get; } = id;

        public TaskCompletionSource Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
