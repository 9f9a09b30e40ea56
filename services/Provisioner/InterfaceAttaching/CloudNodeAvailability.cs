using Marten;
using Surge.Provisioner.CloudNodes;
using Surge.Provisioner.Querying;

namespace Surge.Provisioner.InterfaceAttaching;

/// <summary>Checks whether a node can take a network interface, as far as the simulated clouds know the node.</summary>
public static class CloudNodeAvailability
{
    /// <summary>
    /// Returns why <paramref name="node"/> cannot take an interface, because the simulated cloud released or removed it,
    /// or null. A node the Provisioner did not create, such as one declared in a fleet file, is taken to exist.
    /// </summary>
    public static async Task<string?> FindProblemAsync(IQuerySession session, string node, CancellationToken cancellationToken)
    {
        var view = await session.LoadAsync<CloudNodeView>(node, cancellationToken);
        return view?.Status is CloudNodeStatus.Released or CloudNodeStatus.Removed
            ? $"Node {node} of {view.Provider} was {view.Status.ToString().ToLowerInvariant()} and has no virtual machine to attach interfaces to. Attach the interface to a live node."
            : null;
    }
}
