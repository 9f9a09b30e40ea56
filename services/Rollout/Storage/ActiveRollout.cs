namespace Surge.Rollout.Storage;

/// <summary>
/// Marks the one running rollout of a service. Its id is the service name, so a second rollout for the service fails to
/// insert it in any process. The rollout deletes it in the transaction that finishes it.
/// </summary>
public sealed record ActiveRollout(string Id, Guid SagaId, DateTimeOffset StartedAt);
