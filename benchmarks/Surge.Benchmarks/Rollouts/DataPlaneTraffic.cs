namespace Surge.Benchmarks.Rollouts;

/// <summary>
/// Constant traffic to one service through the load balancer's data plane. Each caller sends its next request as soon as
/// the last one returned, and requests without a 2xx response count as failed.
/// </summary>
public sealed class DataPlaneTraffic : IAsyncDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpClient client;
    private readonly Uri target;
    private readonly CancellationTokenSource stop = new();
    private readonly Task[] callers;
    private int sent;
    private int failed;

    private DataPlaneTraffic(string dataPlaneUrl, string service, int callerCount)
    {
        client = new HttpClient { Timeout = RequestTimeout };
        target = new Uri(new Uri(dataPlaneUrl), Uri.EscapeDataString(service) + "/");
        callers = [.. Enumerable.Range(0, callerCount).Select(_ => Task.Run(CallAsync))];
    }

    /// <summary>Starts <paramref name="callerCount"/> callers sending to <paramref name="service"/>.</summary>
    public static DataPlaneTraffic Start(string dataPlaneUrl, string service, int callerCount) => new(dataPlaneUrl, service, callerCount);

    /// <summary>Stops the callers and returns the requests sent and failed.</summary>
    public async Task<TrafficCount> StopAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(callers);
        return new TrafficCount(sent, failed);
    }

    /// <summary>Stops the callers if still running and releases the client.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        client.Dispose();
        stop.Dispose();
    }

    private async Task CallAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            bool success;
            try
            {
                using var response = await client.GetAsync(target, stop.Token);
                success = response.IsSuccessStatusCode;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // A request cut off by the end of the strategy is neither served nor lost.
                return;
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
                success = false;
            }

            Interlocked.Increment(ref sent);
            if (!success)
            {
                Interlocked.Increment(ref failed);
            }
        }
    }
}

/// <summary>Requests sent through the data plane while a strategy ran, and those that failed.</summary>
public sealed record TrafficCount(int Sent, int Failed);
