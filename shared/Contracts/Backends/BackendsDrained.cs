namespace Surge.Contracts.Backends;

/// <summary>Reports that the instances were drained and removed from the service's pool.</summary>
public sealed record BackendsDrained(Guid SagaId, string Service, IReadOnlyList<Guid> InstanceIds) : ISagaMessage;
