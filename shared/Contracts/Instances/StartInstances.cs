namespace Surge.Contracts.Instances;

/// <summary>Asks the provisioner to start instances on chosen nodes with the addresses Ipam gave them.</summary>
public sealed record StartInstances(Guid SagaId, string Service, InstanceShape Shape, IReadOnlyList<InstanceSpec> Instances) : ISagaMessage;

/// <summary>One instance to start: its identity, node and address.</summary>
public sealed record InstanceSpec(Guid InstanceId, string Node, string Address);
