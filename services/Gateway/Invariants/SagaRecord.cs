namespace Surge.Gateway.Invariants;

/// <summary>A saga as Capacity's <c>GET /sagas</c> and <c>GET /sagas/{id}</c> return it, reduced to what the invariant checker reads.</summary>
public sealed record SagaRecord(Guid SagaId, string Status, DateTimeOffset RequestedAt);
