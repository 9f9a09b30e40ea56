using System.Net.Http.Json;
using System.Text.Json;

namespace Surge.IntegrationTests.Harness;

/// <summary>Checks on the cloud nodes that overflow adds to Capacity's fleet.</summary>
public static class CloudNodes
{
    /// <summary>Waits until Capacity lists no cloud node, that is until every idle one was released and removed.</summary>
    public static Task WaitUntilCloudNodesGoneAsync(this SurgeCluster cluster, TimeSpan timeout) =>
        Eventually.GetAsync<bool>(
            async () =>
            {
                var nodes = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>("/api/capacity/nodes") ?? [];
                return nodes.Any(node => node.GetProperty("name").GetString()!.Contains("-cloud-", StringComparison.Ordinal)) ? null : true;
            },
            timeout,
            "the cloud nodes to be released and removed");
}
