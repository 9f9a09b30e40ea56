namespace Surge.Contracts.Instances;

/// <summary>Asks the provisioner which instances of a service are running, with the image each one runs.</summary>
public sealed record DescribeServiceInstances(Guid SagaId, string Service) : ISagaMessage;
