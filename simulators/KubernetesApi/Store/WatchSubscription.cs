using System.Threading.Channels;

namespace Surge.Simulators.KubernetesApi.Store;

/// <summary>One open watch stream: the filter it was opened with and the frames waiting to be written to it.</summary>
public sealed class WatchSubscription(WatchFilter filter, bool allowBookmarks)
{
    private readonly Channel<WatchFrame> frames = Channel.CreateUnbounded<WatchFrame>(new UnboundedChannelOptions { SingleReader = true });
    private volatile bool silenced;

    /// <summary>The filter the watch was opened with.</summary>
    public WatchFilter Filter { get; } = filter;

    /// <summary>Whether the client asked for bookmarks.</summary>
    public bool AllowBookmarks { get; } = allowBookmarks;

    /// <summary>Whether a test hook silenced the stream: it stays open but gets nothing more.</summary>
    public bool Silenced => silenced;

    /// <summary>The frames to write, in order.</summary>
    public ChannelReader<WatchFrame> Frames => frames.Reader;

    /// <summary>Queues a frame unless the stream is silenced.</summary>
    public void Send(WatchFrame frame)
    {
        if (!silenced)
        {
            frames.Writer.TryWrite(frame);
        }
    }

    /// <summary>Queues a last frame and ends the stream after it.</summary>
    public void SendAndClose(WatchFrame frame)
    {
        frames.Writer.TryWrite(frame);
        frames.Writer.TryComplete();
    }

    /// <summary>Ends the stream after the frames already queued.</summary>
    public void Close() => frames.Writer.TryComplete();

    /// <summary>Stops every further frame while keeping the connection open.</summary>
    public void Silence() => silenced = true;
}
