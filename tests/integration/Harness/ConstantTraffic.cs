using System.Collections.Concurrent;

namespace Surge.IntegrationTests.Harness;

/// <summary>
/// Sends requests for a service through the data plane from a few workers without pause until stopped, and counts the
/// ones that failed and the images that served the others. It also records every distinct backend set the load balancer listed
/// meanwhile, so a test can tell whether membership changed.
/// </summary>
public sealed class ConstantTraffic : IAsyncDisposable
{
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<string, int> servedByImage = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> failuresByReason = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> backendSets = new(StringComparer.Ordinal);
    private readonly Task[] workers;
    private int sent;

    private ConstantTraffic(SurgeCluster cluster, string service, int workerCount)
    {
        workers = [.. Enumerable.Range(0, workerCount).Select(_ => Task.Run(() => SendAsync(cluster, service))), Task.Run(() => WatchBackendsAsync(cluster, service))];
    }

    /// <summary>The requests sent so far.</summary>
    public int Sent => Volatile.Read(ref sent);

    /// <summary>The failed requests, by reason.</summary>
    public IReadOnlyDictionary<string, int> Failures => failuresByReason;

    /// <summary>The successful requests, by the image that served them.</summary>
    public IReadOnlyDictionary<string, int> ServedByImage => servedByImage;

    /// <summary>Every distinct backend set listed while the traffic ran.</summary>
    public IReadOnlyCollection<string> BackendSets => backendSets.Keys.ToList();

    /// <summary>The count of failed requests.</summary>
    public int Failed => failuresByReason.Values.Sum();

    /// <summary>Starts <paramref name="workerCount"/> workers sending requests for <paramref name="service"/>.</summary>
    public static ConstantTraffic Start(SurgeCluster cluster, string service, int workerCount = 4) => new(cluster, service, workerCount);

    /// <summary>Stops the workers and waits for their last requests.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        stop.Dispose();
    }

    private async Task SendAsync(SurgeCluster cluster, string service)
    {
        using var client = new HttpClient { BaseAddress = new Uri(cluster.DataPlaneUrl), Timeout = TimeSpan.FromSeconds(10) };
        while (!stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref sent);
            try
            {
                // The request is not cancelled by the stop, so a request in flight at the end still counts as it ends.
                using var response = await client.GetAsync($"/{service}/", CancellationToken.None);
                if (response.IsSuccessStatusCode && response.Headers.TryGetValues("X-Surge-Image", out var images))
                {
                    servedByImage.AddOrUpdate(images.First(), 1, (_, count) => count + 1);
                }
                else
                {
                    failuresByReason.AddOrUpdate($"HTTP {(int)response.StatusCode}", 1, (_, count) => count + 1);
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                failuresByReason.AddOrUpdate(exception.GetType().Name, 1, (_, count) => count + 1);
            }
        }
    }

    private async Task WatchBackendsAsync(SurgeCluster cluster, string service)
    {
        while (!stop.IsCancellationRequested)
        {
            backendSets.TryAdd(string.Join("; ", await cluster.BackendSetAsync(service)), 0);
            try
            {
                await Task.Delay(100, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
