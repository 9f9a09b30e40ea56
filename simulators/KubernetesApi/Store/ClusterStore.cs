using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Surge.Simulators.KubernetesApi.Api;
using Surge.Simulators.KubernetesApi.Options;

namespace Surge.Simulators.KubernetesApi.Store;

/// <summary>
/// The objects of the simulated cluster. Every change takes the next value of one resource version counter, is kept in
/// the <see cref="ResourceHistory"/> window and goes to the open watches whose filter it passes, all under one lock so
/// that watches see changes in resource version order.
/// </summary>
public sealed class ClusterStore(IOptions<SimulatorOptions> options, TimeProvider time)
{
    private readonly Lock gate = new();
    private readonly Dictionary<ResourceKey, JsonObject> objects = [];
    private readonly ResourceHistory history = new(options.Value.HistoryLimit);
    private readonly List<WatchSubscription> watches = [];
    private readonly Channel<WatchEvent> podChanges = Channel.CreateUnbounded<WatchEvent>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Every change to a pod, for the simulated kubelet; hooks never silence it.</summary>
    public ChannelReader<WatchEvent> PodChanges => podChanges.Reader;

    /// <summary>Returns a copy of the object at <paramref name="key"/>, or null when there is none.</summary>
    public JsonObject? Get(ResourceKey key)
    {
        lock (gate)
        {
            return objects.TryGetValue(key, out var resource) ? (JsonObject)resource.DeepClone() : null;
        }
    }

    /// <summary>Returns copies of the objects that pass <paramref name="filter"/>, ordered by name, and the current resource version.</summary>
    public (IReadOnlyList<JsonObject> Items, long ResourceVersion) List(WatchFilter filter)
    {
        lock (gate)
        {
            var items = objects
                .Where(entry => filter.Matches(entry.Key, entry.Value))
                .OrderBy(entry => entry.Key.Namespace, StringComparer.Ordinal)
                .ThenBy(entry => entry.Key.Name, StringComparer.Ordinal)
                .Select(entry => (JsonObject)entry.Value.DeepClone())
                .ToList();
            return (items, history.Current);
        }
    }

    /// <summary>Stores a new object with the server-set metadata, or returns null when one of that name exists.</summary>
    public JsonObject? Create(ResourceKey key, JsonObject resource)
    {
        lock (gate)
        {
            if (objects.ContainsKey(key))
            {
                return null;
            }

            var metadata = resource["metadata"]?.DeepClone() as JsonObject ?? [];
            metadata["name"] = key.Name;
            if (key.Namespace is not null)
            {
                metadata["namespace"] = key.Namespace;
            }

            metadata["uid"] = Guid.NewGuid().ToString();
            metadata["creationTimestamp"] = Timestamp(time.GetUtcNow());
            metadata["generation"] = 1L;

            // Real objects start with kind, apiVersion and metadata; the rest keeps the order it came in.
            var stored = new JsonObject { ["kind"] = key.Kind.Kind, ["apiVersion"] = "v1", ["metadata"] = metadata };
            foreach (var (name, value) in resource.Where(property => property.Key is not ("kind" or "apiVersion" or "metadata")))
            {
                stored[name] = value?.DeepClone();
            }

            return Commit("ADDED", key, stored);
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> to a copy of the object and stores the result, raising its generation when its
    /// spec changed. Returns null when there is no such object. Exceptions from <paramref name="change"/> leave it as it was.
    /// </summary>
    public JsonObject? Update(ResourceKey key, Func<JsonObject, JsonObject> change)
    {
        lock (gate)
        {
            if (!objects.TryGetValue(key, out var current))
            {
                return null;
            }

            var changed = change((JsonObject)current.DeepClone());
            var generation = current["metadata"]?["generation"]?.GetValue<long>() ?? 1;
            var metadata = (JsonObject)changed["metadata"]!;
            metadata["generation"] = JsonNode.DeepEquals(current["spec"], changed["spec"]) ? generation : generation + 1;
            return Commit("MODIFIED", key, changed);
        }
    }

    /// <summary>Removes the object and returns it as it was last, or null when there is no such object.</summary>
    public JsonObject? Delete(ResourceKey key)
    {
        lock (gate)
        {
            if (!objects.Remove(key, out var current))
            {
                return null;
            }

            var snapshot = (JsonObject)current.DeepClone();
            var resourceVersion = history.Next();
            snapshot["metadata"]!["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
            Publish(new WatchEvent("DELETED", resourceVersion, key, snapshot));
            return (JsonObject)snapshot.DeepClone();
        }
    }

    /// <summary>
    /// Opens a watch. Without a resource version, or with "0", it starts with an ADDED event per matching object;
    /// with one, it replays the kept events after it, or returns <see cref="WatchStart.TooOld"/>.
    /// </summary>
    public (WatchSubscription? Subscription, WatchStart.TooOld? TooOld) Watch(WatchFilter filter, long? resourceVersion, bool allowBookmarks)
    {
        lock (gate)
        {
            var subscription = new WatchSubscription(filter, allowBookmarks);
            if (resourceVersion is null or 0)
            {
                foreach (var (key, resource) in objects.Where(entry => filter.Matches(entry.Key, entry.Value)))
                {
                    subscription.Send(new WatchFrame("ADDED", (JsonObject)resource.DeepClone()));
                }
            }
            else
            {
                switch (history.Start(resourceVersion.Value))
                {
                    case WatchStart.TooOld tooOld:
                        return (null, tooOld);
                    case WatchStart.Replay replay:
                        foreach (var change in replay.Events.Where(change => filter.Matches(change.Key, change.Object)))
                        {
                            subscription.Send(new WatchFrame(change.Type, change.Object));
                        }

                        break;
                }
            }

            watches.Add(subscription);
            return (subscription, null);
        }
    }

    /// <summary>Forgets a watch whose stream ended.</summary>
    public void Unwatch(WatchSubscription subscription)
    {
        lock (gate)
        {
            watches.Remove(subscription);
        }
    }

    /// <summary>Silences every open watch stream, as a test hook; returns how many.</summary>
    public int SilenceWatches()
    {
        lock (gate)
        {
            foreach (var subscription in watches)
            {
                subscription.Silence();
            }

            return watches.Count;
        }
    }

    /// <summary>
    /// Makes watches from resource versions below <paramref name="resourceVersion"/> get 410, as a test hook. With
    /// <paramref name="closeOpenWatches"/>, every open watch also gets the 410 ERROR event and ends.
    /// </summary>
    public int ExpireBefore(long resourceVersion, bool closeOpenWatches)
    {
        lock (gate)
        {
            history.ExpireBefore(resourceVersion);
            if (!closeOpenWatches)
            {
                return 0;
            }

            var closed = watches.Count;
            var message = new WatchStart.TooOld(resourceVersion - 1, history.Oldest).Message;
            foreach (var subscription in watches)
            {
                subscription.SendAndClose(new WatchFrame("ERROR", Statuses.Expired(message)));
            }

            watches.Clear();
            return closed;
        }
    }

    /// <summary>Ends every open watch, as an API server does when it shuts down.</summary>
    public void CloseWatches()
    {
        lock (gate)
        {
            foreach (var subscription in watches)
            {
                subscription.Close();
            }
        }
    }

    /// <summary>Sends a BOOKMARK with the current resource version to every watch that asked for bookmarks.</summary>
    public void SendBookmarks()
    {
        lock (gate)
        {
            foreach (var subscription in watches.Where(subscription => subscription.AllowBookmarks))
            {
                subscription.Send(new WatchFrame("BOOKMARK", new JsonObject
                {
                    ["kind"] = subscription.Filter.Kind.Kind,
                    ["apiVersion"] = "v1",
                    ["metadata"] = new JsonObject { ["resourceVersion"] = history.Current.ToString(CultureInfo.InvariantCulture) },
                }));
            }
        }
    }

    /// <summary>Returns the counters the hooks report: current and oldest resource version, open and silenced watches.</summary>
    public SimulatorState State()
    {
        lock (gate)
        {
            return new SimulatorState(history.Current, history.Oldest, watches.Count, watches.Count(subscription => subscription.Silenced));
        }
    }

    /// <summary>Formats a time as the API does, to the second in UTC.</summary>
    public static string Timestamp(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private JsonObject Commit(string type, ResourceKey key, JsonObject resource)
    {
        var resourceVersion = history.Next();
        resource["metadata"]!["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
        objects[key] = resource;
        Publish(new WatchEvent(type, resourceVersion, key, (JsonObject)resource.DeepClone()));
        return (JsonObject)resource.DeepClone();
    }

    private void Publish(WatchEvent change)
    {
        history.Record(change);
        foreach (var subscription in watches.Where(subscription => subscription.Filter.Matches(change.Key, change.Object)))
        {
            subscription.Send(new WatchFrame(change.Type, change.Object));
        }

        if (change.Key.Kind == ResourceKind.Pods)
        {
            podChanges.Writer.TryWrite(change);
        }
    }
}
