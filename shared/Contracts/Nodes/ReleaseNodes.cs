namespace Surge.Contracts.Nodes;

/// <summary>Asks the provisioner to delete cloud nodes that no longer hold instances.</summary>
/// <param name="RequestId">Identifies the request; the reply carries it back.</param>
public sealed record ReleaseNodes(Guid RequestId, string Provider, IReadOnlyList<string> Nodes);
