namespace Surge.Capacity.Pools;

/// <summary>A pool was declared or its declaration changed.</summary>
public sealed record PoolSpecified(string Name, PoolSpec Spec);
