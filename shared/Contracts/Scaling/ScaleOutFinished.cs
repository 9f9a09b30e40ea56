namespace Surge.Contracts.Scaling;

/// <summary>Reports to the saga that sent <see cref="ScaleOutService"/> how the scale-out saga ended.</summary>
/// <param name="SagaId">The requesting saga.</param>
/// <param name="Status">The scale-out saga's final status: <c>Completed</c>, <c>PartiallyCompleted</c>, <c>Failed</c>, <c>Cancelled</c> or <c>Declined</c>.</param>
/// <param name="Instances">The instances that are ready and registered at the load balancer; empty unless the saga completed.</param>
/// <param name="Reason">Why the saga did not complete; null when it did.</param>
public sealed record ScaleOutFinished(Guid SagaId, Guid ScaleOutSagaId, string Service, string Status, IReadOnlyList<ScaledOutInstance> Instances, string? Reason) : ISagaMessage;

/// <summary>One instance a scale-out started: where it runs and where it serves HTTP.</summary>
public sealed record ScaledOutInstance(Guid InstanceId, string Node, string Address, string Endpoint, string Image);
