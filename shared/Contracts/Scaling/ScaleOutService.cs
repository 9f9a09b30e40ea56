namespace Surge.Contracts.Scaling;

/// <summary>
/// Asks Capacity to start a scale-out saga with the id <paramref name="ScaleOutSagaId"/> on behalf of the saga
/// <paramref name="SagaId"/>, which gets <see cref="ScaleOutFinished"/> when it ends. A repeated request starts nothing new.
/// </summary>
/// <param name="SagaId">The requesting saga, for example a rollout.</param>
/// <param name="ScaleOutSagaId">The id the scale-out saga gets, chosen by the requester so that a redelivery finds it.</param>
/// <param name="Service">The declared service to add instances to.</param>
/// <param name="Count">How many instances to add; the saga fails unless all of them become ready.</param>
/// <param name="Image">The image the new instances run, in place of the one the service declares.</param>
/// <param name="RequestedBy">Who asks, for the audit trail.</param>
public sealed record ScaleOutService(Guid SagaId, Guid ScaleOutSagaId, string Service, int Count, string Image, string RequestedBy) : ISagaMessage;
