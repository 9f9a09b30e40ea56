namespace Surge.Contracts.Instances;

/// <summary>Asks the provisioner to stop and remove instances.</summary>
public sealed record StopInstances(Guid SagaId, IReadOnlyList<Guid> InstanceIds, string Reason) : ISagaMessage;
