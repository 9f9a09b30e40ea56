namespace Surge.Contracts.Instances;

/// <summary>The running instances of a service, ordered by instance id; empty when the service has none.</summary>
public sealed record ServiceInstancesDescribed(Guid SagaId, string Service, IReadOnlyList<RunningInstance> Instances) : ISagaMessage;

/// <summary>One running instance: where it runs, the address it keeps across updates, the image it runs and where it serves HTTP.</summary>
public sealed record RunningInstance(Guid InstanceId, string Node, string Address, string Image, string Endpoint);
