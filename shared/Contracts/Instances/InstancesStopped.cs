namespace Surge.Contracts.Instances;

/// <summary>Reports that the provisioner stopped these instances, or that they were never started.</summary>
public sealed record InstancesStopped(Guid SagaId, IReadOnlyList<Guid> InstanceIds) : ISagaMessage;
