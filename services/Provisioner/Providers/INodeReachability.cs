namespace Surge.Provisioner.Providers;

/// <summary>The nodes a provider cannot reach right now, whose instances it therefore cannot list.</summary>
public interface INodeReachability
{
    /// <summary>Returns the names of the nodes that cannot be reached at this moment.</summary>
    IReadOnlyCollection<string> UnreachableNodes();
}
