namespace Surge.Simulators.KubernetesApi.Store;

/// <summary>Where a watch from a given resource version starts.</summary>
public abstract record WatchStart
{
    /// <summary>The events after the requested version are all kept: replay these, then follow live changes.</summary>
    public sealed record Replay(IReadOnlyList<WatchEvent> Events) : WatchStart;

    /// <summary>Events after the requested version were dropped: the watch gets 410 and must list again.</summary>
    public sealed record TooOld(long Requested, long Oldest) : WatchStart
    {
        /// <summary>The message real API servers put in the 410 status.</summary>
        public string Message => $"too old resource version: {Requested} ({Oldest})";
    }
}
