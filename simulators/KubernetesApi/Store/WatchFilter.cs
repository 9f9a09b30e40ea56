using System.Text.Json.Nodes;

namespace Surge.Simulators.KubernetesApi.Store;

/// <summary>The changes a watch or list receives: one kind, one namespace or all, and label and field selectors.</summary>
public sealed record WatchFilter(ResourceKind Kind, string? Namespace, LabelSelector Labels, FieldSelector Fields)
{
    /// <summary>Returns whether the object at <paramref name="key"/> passes the filter.</summary>
    public bool Matches(ResourceKey key, JsonObject resource) =>
        key.Kind == Kind
        && (Namespace is null || key.Namespace == Namespace)
        && Labels.Matches(resource["metadata"]?["labels"] as JsonObject)
        && Fields.Matches(resource);
}
