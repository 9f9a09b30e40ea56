using Surge.Contracts;

namespace Surge.Rollout.Saga;

/// <summary>Asks Rollout's prober to request <paramref name="Path"/> on each target; only Rollout sends and consumes it.</summary>
public sealed record ProbeInstances(Guid SagaId, int Batch, IReadOnlyList<ProbeTarget> Targets, string Path) : ISagaMessage;

/// <summary>One instance to probe and where it serves HTTP.</summary>
public sealed record ProbeTarget(Guid InstanceId, string Endpoint);

/// <summary>The prober's results for one batch.</summary>
public sealed record InstancesProbed(Guid SagaId, int Batch, IReadOnlyList<ProbeResult> Results) : ISagaMessage;

/// <summary>Whether one instance passed its HTTP check, and if not, why.</summary>
public sealed record ProbeResult(Guid InstanceId, bool Healthy, string? Failure);
