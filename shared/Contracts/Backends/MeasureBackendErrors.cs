namespace Surge.Contracts.Backends;

/// <summary>Asks the load balancer to count the requests it sends to these backends, and those that fail, during <paramref name="Window"/> from now.</summary>
public sealed record MeasureBackendErrors(Guid SagaId, string Service, IReadOnlyList<Guid> InstanceIds, TimeSpan Window) : ISagaMessage;
