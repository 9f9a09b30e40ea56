using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Ipam;

/// <summary>Calls Ipam's and the simulated data centre's APIs through the gateway.</summary>
public static class IpamApi
{
    /// <summary>Creates or changes the subnet through the gateway, and fails the test with Ipam's response when it is rejected.</summary>
    public static async Task PutSubnetAsync(this SurgeCluster cluster, string name, object definition)
    {
        using var apply = await cluster.Gateway.PutAsJsonAsync($"/api/ipam/subnets/{name}", definition);
        Assert.True(apply.IsSuccessStatusCode, await apply.Content.ReadAsStringAsync());
    }

    /// <summary>Returns the address Ipam holds for the instance, or null when it holds none.</summary>
    public static async Task<string?> AddressOfAsync(this SurgeCluster cluster, string instanceId)
    {
        using var response = await cluster.Gateway.GetAsync($"/api/ipam/allocations/instances/{instanceId}");
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("address").GetString();
    }

    /// <summary>Returns every live allocation of the subnet as instance id and address.</summary>
    public static async Task<IReadOnlyList<(string InstanceId, string Address)>> AllocationsAsync(this SurgeCluster cluster, string subnet)
    {
        var allocations = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/ipam/allocations?subnet={subnet}");
        return [.. allocations!.Select(allocation => (allocation.GetProperty("instanceId").GetString()!, allocation.GetProperty("address").GetString()!))];
    }

    /// <summary>Returns the instances of the service the Provisioner records as started, with their addresses.</summary>
    public static async Task<IReadOnlyList<(string InstanceId, string Node, string Address)>> StartedInstancesAsync(this SurgeCluster cluster, string service)
    {
        var instances = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/provisioner/instances?service={service}");
        return
        [
            .. instances!
                .Where(instance => instance.GetProperty("status").GetString() == "Started")
                .Select(instance => (instance.GetProperty("instanceId").GetString()!, instance.GetProperty("node").GetString()!, instance.GetProperty("address").GetString()!)),
        ];
    }

    /// <summary>Begins a simulated outage of the node.</summary>
    public static async Task BeginOutageAsync(this SurgeCluster cluster, string node, bool instancesSurvive)
    {
        using var response = await cluster.Gateway.PostAsJsonAsync($"/api/provisioner/simulation/nodes/{node}/outage", new { instancesSurvive });
        Assert.True(response.IsSuccessStatusCode, $"Beginning the outage of {node} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Ends the node's simulated outage.</summary>
    public static async Task EndOutageAsync(this SurgeCluster cluster, string node)
    {
        using var response = await cluster.Gateway.DeleteAsync($"/api/provisioner/simulation/nodes/{node}/outage");
        Assert.True(response.IsSuccessStatusCode, $"Ending the outage of {node} failed with {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Returns the open conflicts Ipam's reconciliation found in the subnet.</summary>
    public static async Task<JsonElement[]> ConflictsAsync(this SurgeCluster cluster, string subnet) =>
        (await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/ipam/conflicts?subnet={subnet}"))!;
}
