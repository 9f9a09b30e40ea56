namespace Surge.Contracts.Scaling;

/// <summary>
/// Asks Capacity to start a scale-in saga with the id <paramref name="ScaleInSagaId"/> that removes exactly the listed
/// instances, on behalf of the saga <paramref name="SagaId"/>, which gets <see cref="ScaleInFinished"/> when it ends.
/// </summary>
/// <param name="SagaId">The requesting saga, for example a rollout.</param>
/// <param name="ScaleInSagaId">The id the scale-in saga gets, chosen by the requester so that a redelivery finds it.</param>
/// <param name="Service">The service the instances belong to.</param>
/// <param name="InstanceIds">The instances to drain, stop and release.</param>
/// <param name="RequestedBy">Who asks, for the audit trail.</param>
public sealed record ScaleInInstances(Guid SagaId, Guid ScaleInSagaId, string Service, IReadOnlyList<Guid> InstanceIds, string RequestedBy) : ISagaMessage;
