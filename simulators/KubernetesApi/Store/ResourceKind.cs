namespace Surge.Simulators.KubernetesApi.Store;

/// <summary>A kind of resource the simulator serves, with the names the API uses for it.</summary>
public sealed record ResourceKind(string Plural, string Kind, bool Namespaced)
{
    /// <summary>Pods, which live in namespaces.</summary>
    public static readonly ResourceKind Pods = new("pods", "Pod", Namespaced: true);

    /// <summary>Nodes, which belong to the cluster.</summary>
    public static readonly ResourceKind Nodes = new("nodes", "Node", Namespaced: false);

    /// <summary>The kind of a list of these resources, such as <c>PodList</c>.</summary>
    public string ListKind => Kind + "List";
}
