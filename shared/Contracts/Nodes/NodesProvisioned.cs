namespace Surge.Contracts.Nodes;

/// <summary>Every node of a <see cref="ProvisionNodes"/> request was created, booted and joined the pool.</summary>
public sealed record NodesProvisioned(Guid SagaId, Guid RequestId, string Provider, string Pool, IReadOnlyList<ProvisionedNode> Nodes) : ISagaMessage;

/// <summary>One node a cloud provider created: its name, where it runs, and when it joined.</summary>
public sealed record ProvisionedNode(string Name, string Zone, string Rack, DateTimeOffset JoinedAt);
