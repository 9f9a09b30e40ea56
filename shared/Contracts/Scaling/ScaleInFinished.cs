namespace Surge.Contracts.Scaling;

/// <summary>Reports to the saga that sent <see cref="ScaleInInstances"/> how the scale-in saga ended.</summary>
/// <param name="SagaId">The requesting saga.</param>
/// <param name="Status">The scale-in saga's final status, <c>Completed</c> or <c>Failed</c>, or <c>Rejected</c> when no saga was started.</param>
/// <param name="Removed">The instances that were stopped and released.</param>
/// <param name="Reason">Why not every instance was removed; null when all were.</param>
public sealed record ScaleInFinished(Guid SagaId, Guid ScaleInSagaId, string Service, string Status, IReadOnlyList<Guid> Removed, string? Reason) : ISagaMessage;
