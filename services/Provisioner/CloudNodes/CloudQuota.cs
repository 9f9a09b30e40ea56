namespace Surge.Provisioner.CloudNodes;

/// <summary>The quota decision of a cloud provider: whether a request fits beside the nodes already live or being created.</summary>
public static class CloudQuota
{
    /// <summary>
    /// Returns the reason <paramref name="count"/> more nodes do not fit in <paramref name="provider"/>'s quota of
    /// <paramref name="maxNodes"/> with <paramref name="nodesInUse"/> in use, or null when they fit.
    /// </summary>
    public static string? Check(string provider, int maxNodes, int nodesInUse, int count) =>
        (long)nodesInUse + count <= maxNodes
            ? null
            : $"Provider {provider} has a quota of {maxNodes} nodes and {nodesInUse} are in use, so {count} more do not fit. Release nodes of {provider}, ask another provider, or raise SimulatedDataCentre:Clouds:{provider}:MaxNodes.";
}
