namespace Surge.Benchmarks.Ipam;

/// <summary>A node of the benchmark's plan.</summary>
/// <param name="Name">The node's name, as passed to <see cref="IAddressAllocatorUnderTest.AllocateAsync"/>.</param>
/// <param name="WarmAddresses">
/// The number of addresses assigned to the node and free when <see cref="IAddressAllocatorUnderTest.PrepareAsync"/>
/// returns. The warm-up allocations draw on them like the timed ones.
/// </param>
public sealed record BenchmarkNode(string Name, int WarmAddresses);
