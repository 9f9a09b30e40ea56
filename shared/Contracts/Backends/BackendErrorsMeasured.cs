namespace Surge.Contracts.Backends;

/// <summary>
/// The requests the load balancer sent to the backends during the window, and the failed ones among them: a 5xx
/// response, a refused or reset connection, or a timeout.
/// </summary>
public sealed record BackendErrorsMeasured(Guid SagaId, string Service, IReadOnlyList<Guid> InstanceIds, long Requests, long Failed) : ISagaMessage;
