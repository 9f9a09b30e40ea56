namespace Surge.Contracts.Nodes;

/// <summary>The provider could not create the nodes, for example because its quota is used up; nothing of the request is left behind.</summary>
public sealed record NodeProvisioningFailed(Guid SagaId, Guid RequestId, string Provider, string Reason) : ISagaMessage;
