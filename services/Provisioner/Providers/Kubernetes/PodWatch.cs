using k8s;
using k8s.Models;

namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>
/// Follows one pod until a check returns Done: list, then watch from the list's resource version. A watch that ends
/// or breaks resumes from the last resource version seen. A watch silent for longer than the idle timeout is opened
/// again, and a 410 (too old resource version) leads to a new list.
/// </summary>
public sealed partial class PodWatch(IKubernetes client, string @namespace, string podName, TimeSpan idleTimeout, ILogger logger)
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The cursor after the last wait, for logs and tests.</summary>
    public WatchCursor Cursor { get; private set; } = WatchCursor.Start;

    /// <summary>
    /// Returns the pod once <paramref name="check"/> returns Done. Throws <see cref="PodFailedException"/> when it
    /// returns Failed or the pod is deleted, and <see cref="OperationCanceledException"/> when <paramref name="cancellationToken"/> ends.
    /// </summary>
    public async Task<V1Pod> WaitAsync(Func<V1Pod, PodVerdict> check, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Cursor.MustList)
            {
                var list = await client.CoreV1.ListNamespacedPodAsync(@namespace, fieldSelector: NameSelector, cancellationToken: cancellationToken);
                if (Judge(list.Items.FirstOrDefault(), check) is { } listed)
                {
                    return listed;
                }

                Cursor = Cursor.Listed(list.Metadata?.ResourceVersion);
            }

            if (await FollowAsync(check, cancellationToken) is { } watched)
            {
                return watched;
            }
        }
    }

    private string NameSelector => $"metadata.name={podName}";

    // Returns the pod when it is done, or null when the watch ended and the loop goes on from the updated cursor.
    private async Task<V1Pod?> FollowAsync(Func<V1Pod, PodVerdict> check, CancellationToken cancellationToken)
    {
        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        Exception? streamError = null;
        try
        {
            var events = client.CoreV1.WatchListNamespacedPodAsync(
                @namespace,
                allowWatchBookmarks: true,
                fieldSelector: NameSelector,
                resourceVersion: Cursor.ResourceVersion,
                onError: error => streamError ??= error,
                cancellationToken: idle.Token);
            await foreach (var (type, pod) in events.WithCancellation(idle.Token))
            {
                idle.CancelAfter(idleTimeout);
                Cursor = Cursor.Saw(pod.Metadata?.ResourceVersion);
                if (type is WatchEventType.Added or WatchEventType.Modified or WatchEventType.Deleted
                    && Judge(type == WatchEventType.Deleted ? null : pod, check) is { } done)
                {
                    return done;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogIdle(logger, podName, idleTimeout, Cursor.ResourceVersion);
            Cursor = Cursor.Resumed();
            return null;
        }
        catch (Exception exception) when (WatchCursor.IsExpired(exception))
        {
            streamError = exception;
        }
        catch (Exception exception) when (exception is HttpRequestException or IOException or k8s.Autorest.HttpOperationException)
        {
            LogBroken(logger, exception, podName, Cursor.ResourceVersion);
            Cursor = Cursor.Resumed();
            await Task.Delay(RetryDelay, cancellationToken);
            return null;
        }

        if (WatchCursor.IsExpired(streamError))
        {
            LogExpired(logger, podName, Cursor.ResourceVersion);
            Cursor = Cursor.Expired();
        }
        else
        {
            Cursor = Cursor.Resumed();
        }

        return null;
    }

    private static V1Pod? Judge(V1Pod? pod, Func<V1Pod, PodVerdict> check)
    {
        var verdict = pod is null ? new PodVerdict.Failed("the pod was deleted") : check(pod);
        return verdict switch
        {
            PodVerdict.Failed failed => throw new PodFailedException(failed.Reason),
            _ when verdict == PodVerdict.Done => pod,
            _ => null,
        };
    }

    [LoggerMessage(EventId = LogEventIds.KubernetesDriver + 10, Level = LogLevel.Warning, Message = "The watch of pod {Pod} was silent for {IdleTimeout}; opening it again from resource version {ResourceVersion}")]
    private static partial void LogIdle(ILogger logger, string pod, TimeSpan idleTimeout, string? resourceVersion);

    [LoggerMessage(EventId = LogEventIds.KubernetesDriver + 11, Level = LogLevel.Warning, Message = "The watch of pod {Pod} from resource version {ResourceVersion} is too old (410); listing again")]
    private static partial void LogExpired(ILogger logger, string pod, string? resourceVersion);

    [LoggerMessage(EventId = LogEventIds.KubernetesDriver + 12, Level = LogLevel.Warning, Message = "The watch of pod {Pod} broke; opening it again from resource version {ResourceVersion}")]
    private static partial void LogBroken(ILogger logger, Exception exception, string pod, string? resourceVersion);
}
