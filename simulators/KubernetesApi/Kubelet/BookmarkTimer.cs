using Microsoft.Extensions.Options;
using Surge.Simulators.KubernetesApi.Options;
using Surge.Simulators.KubernetesApi.Store;

namespace Surge.Simulators.KubernetesApi.Kubelet;

/// <summary>Sends a bookmark to every watch that asked for them, every <see cref="SimulatorOptions.BookmarkInterval"/>.</summary>
public sealed class BookmarkTimer(ClusterStore store, IOptions<SimulatorOptions> options, TimeProvider time) : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.BookmarkInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                store.SendBookmarks();
            }
        }
        catch (OperationCanceledException)
        {
            // The simulator is stopping.
        }
    }
}
