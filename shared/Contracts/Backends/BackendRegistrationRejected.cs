namespace Surge.Contracts.Backends;

/// <summary>Reports that the load balancer could not register the backends; none were added.</summary>
public sealed record BackendRegistrationRejected(Guid SagaId, string Reason) : ISagaMessage;
