using System.Text.Json.Nodes;

namespace Surge.Simulators.KubernetesApi.Store;

/// <summary>One change of one object: ADDED, MODIFIED or DELETED, at the resource version it was made at.</summary>
/// <param name="Object">A snapshot of the object after the change (before it, for DELETED); never changed afterwards.</param>
public sealed record WatchEvent(string Type, long ResourceVersion, ResourceKey Key, JsonObject Object);
