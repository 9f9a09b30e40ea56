namespace Surge.IntegrationTests.Harness;

/// <summary>Fleet files for the tests. Each test uses its own service and pool names, so tests sharing a cluster do not interfere.</summary>
public static class Fleets
{
    /// <summary>A pool of two nodes, a loopback subnet, one service and a policy selecting <paramref name="match"/>.</summary>
    public static string ForService(string service, string subnetCidr, string match, int scaleBy = 2, int maxInstances = 10, int nodeCpu = 4000) => $"""
        apiVersion: surge/v1
        kind: Pool
        metadata: {'{'}name: {service}-pool{'}'}
        spec: {'{'}lendsIdleCapacity: false{'}'}
        ---
        apiVersion: surge/v1
        kind: Node
        metadata: {'{'}name: {service}-node-1{'}'}
        spec: {'{'}pool: {service}-pool, zone: zone-a, rack: r1, cpuMillicores: {nodeCpu}, memoryMiB: {nodeCpu * 4}{'}'}
        ---
        apiVersion: surge/v1
        kind: Node
        metadata: {'{'}name: {service}-node-2{'}'}
        spec: {'{'}pool: {service}-pool, zone: zone-b, rack: r2, cpuMillicores: {nodeCpu}, memoryMiB: {nodeCpu * 4}{'}'}
        ---
        apiVersion: surge/v1
        kind: Subnet
        metadata: {'{'}name: {service}-net{'}'}
        spec:
          cidr: {subnetCidr}
          gateway: {Gateway(subnetCidr)}
          pools: [{service}-pool]
        ---
        apiVersion: surge/v1
        kind: Service
        metadata: {'{'}name: {service}{'}'}
        spec:
          pool: {service}-pool
          image: registry.local/{service}:1.0.0
          shape: {'{'}cpuMillicores: 500, memoryMiB: 512{'}'}
          maxInstances: {maxInstances}
        ---
        apiVersion: surge/v1
        kind: AlertPolicy
        metadata: {'{'}name: {service}-traffic{'}'}
        spec:
          service: {service}
          match: {match}
          scaleOut: {'{'}by: {scaleBy}{'}'}
        """;

    // The first address after the network address, which no instance gets.
    private static string Gateway(string cidr)
    {
        var network = System.Net.IPNetwork.Parse(cidr).BaseAddress.GetAddressBytes();
        network[^1]++;
        return new System.Net.IPAddress(network).ToString();
    }
}
