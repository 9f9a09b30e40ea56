using k8s;
using k8s.Autorest;

namespace Surge.Provisioner.Providers.Kubernetes;

/// <summary>
/// The position of a list-then-watch loop: the last resource version seen, from which a broken watch resumes, or none,
/// which means list first. A 410 from the server drops the version, because the events after it are gone.
/// </summary>
public sealed record WatchCursor(string? ResourceVersion, int Relists, int Resumes)
{
    /// <summary>The cursor of a loop that has not listed yet.</summary>
    public static readonly WatchCursor Start = new(null, 0, 0);

    /// <summary>Whether the loop must list before it watches.</summary>
    public bool MustList => ResourceVersion is null;

    /// <summary>After a list: watch from the list's resource version.</summary>
    public WatchCursor Listed(string? resourceVersion) => this with { ResourceVersion = string.IsNullOrEmpty(resourceVersion) ? "0" : resourceVersion };

    /// <summary>After an event or bookmark: resume from its resource version, if it has one.</summary>
    public WatchCursor Saw(string? resourceVersion) => string.IsNullOrEmpty(resourceVersion) ? this : this with { ResourceVersion = resourceVersion };

    /// <summary>After a 410: the version is too old, so list again.</summary>
    public WatchCursor Expired() => this with { ResourceVersion = null, Relists = Relists + 1 };

    /// <summary>After a watch ended, broke or went silent: open it again from the same version.</summary>
    public WatchCursor Resumed() => this with { Resumes = Resumes + 1 };

    /// <summary>Whether <paramref name="error"/> reports that the requested resource version is too old (HTTP 410).</summary>
    public static bool IsExpired(Exception? error) => error switch
    {
        KubernetesException kubernetes => kubernetes.Status?.Code == 410,
        HttpOperationException http => (int?)http.Response?.StatusCode == 410,
        _ => false,
    };
}
