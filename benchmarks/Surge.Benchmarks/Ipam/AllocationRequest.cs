namespace Surge.Benchmarks.Ipam;

/// <summary>One call of <see cref="IAddressAllocatorUnderTest.AllocateAsync"/>: a new instance on a node.</summary>
public sealed record AllocationRequest(Guid InstanceId, string Node);
