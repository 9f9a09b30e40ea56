namespace Surge.Simulators.KubernetesApi.Store;

/// <summary>Identifies one stored object: its kind, its namespace (null for cluster resources) and its name.</summary>
public sealed record ResourceKey(ResourceKind Kind, string? Namespace, string Name);
