namespace Surge.Benchmarks.Sagas;

/// <summary>The fleet the benchmark applies: one service with room for every instance the run starts.</summary>
public static class BenchmarkFleet
{
    /// <summary>The service every saga scales out.</summary>
    public const string Service = "bench-api";

    /// <summary>
    /// The subnet the instances' addresses come from. Each instance listens on its own loopback address, and a /16 holds
    /// 65,534 of them, far more than a run may start.
    /// </summary>
    public const string Subnet = "127.90.0.0/16";

    /// <summary>The image the service is declared with, unless a run passes another.</summary>
    public const string FirstImage = $"registry.local/{Service}:1.0.0";

    /// <summary>Returns the fleet file: a pool of four nodes, the subnet, and the service with a small shape and a high maximum.</summary>
    public static string Yaml(int maxInstances, string image = FirstImage) => $$"""
        apiVersion: surge/v1
        kind: Pool
        metadata: {name: bench-pool}
        spec: {lendsIdleCapacity: false}
        ---
        apiVersion: surge/v1
        kind: Node
        metadata: {name: bench-node-1}
        spec: {pool: bench-pool, zone: zone-a, rack: r1, cpuMillicores: 1000000, memoryMiB: 4000000}
        ---
        apiVersion: surge/v1
        kind: Node
        metadata: {name: bench-node-2}
        spec: {pool: bench-pool, zone: zone-a, rack: r2, cpuMillicores: 1000000, memoryMiB: 4000000}
        ---
        apiVersion: surge/v1
        kind: Node
        metadata: {name: bench-node-3}
        spec: {pool: bench-pool, zone: zone-b, rack: r3, cpuMillicores: 1000000, memoryMiB: 4000000}
        ---
        apiVersion: surge/v1
        kind: Node
        metadata: {name: bench-node-4}
        spec: {pool: bench-pool, zone: zone-b, rack: r4, cpuMillicores: 1000000, memoryMiB: 4000000}
        ---
        apiVersion: surge/v1
        kind: Subnet
        metadata: {name: bench-net}
        spec:
          cidr: {{Subnet}}
          gateway: 127.90.0.1
          pools: [bench-pool]
        ---
        apiVersion: surge/v1
        kind: Service
        metadata: {name: {{Service}}}
        spec:
          pool: bench-pool
          image: {{image}}
          shape: {cpuMillicores: 100, memoryMiB: 128}
          maxInstances: {{maxInstances}}
        """;
}
