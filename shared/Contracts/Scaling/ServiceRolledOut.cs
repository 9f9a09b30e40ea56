namespace Surge.Contracts.Scaling;

/// <summary>
/// Reports that a rollout completed: the service's instances now run <paramref name="Image"/>. Capacity starts the
/// instances of later scale-outs with it until the service's declared image changes.
/// </summary>
/// <param name="SagaId">The rollout.</param>
public sealed record ServiceRolledOut(Guid SagaId, string Service, string Image, DateTimeOffset At) : ISagaMessage;
