using Surge.Simulators.KubernetesApi.Store;

namespace Surge.Simulators.KubernetesApi.Api;

/// <summary>Writes a watch as the API server does: HTTP 200, then one JSON event per line, flushed as it happens.</summary>
public static class WatchStream
{
    /// <summary>Streams the watch until the client leaves, the timeout passes, or the store ends it.</summary>
    public static async Task RunAsync(HttpContext context, ClusterStore store, WatchFilter filter, long? resourceVersion, bool allowBookmarks, TimeSpan? timeout)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        var (subscription, tooOld) = store.Watch(filter, resourceVersion, allowBookmarks);
        if (tooOld is not null)
        {
            await WriteAsync(response, new WatchFrame("ERROR", Statuses.Expired(tooOld.Message)), context.RequestAborted);
            return;
        }

        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (timeout is { } limit)
        {
            ending.CancelAfter(limit);
        }

        try
        {
            await response.Body.FlushAsync(ending.Token);
            await foreach (var frame in subscription!.Frames.ReadAllAsync(ending.Token))
            {
                await WriteAsync(response, frame, ending.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // The client left or the watch's timeout passed: both end the stream normally.
        }
        finally
        {
            store.Unwatch(subscription!);
        }
    }

    private static async Task WriteAsync(HttpResponse response, WatchFrame frame, CancellationToken cancellationToken)
    {
        await response.WriteAsync(frame.ToLine() + "\n", cancellationToken);
        await response.Body.FlushAsync(cancellationToken);
    }
}
