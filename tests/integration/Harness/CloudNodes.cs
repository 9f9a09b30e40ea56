using System.Net.Http.Json;
using System.Text.Json;

namespace Surge.IntegrationTests.Harness;

/// <summary>Checks on the cloud nodes that overflow adds to Capacity's fleet.</summary>
public static class CloudNodes
{
    /// <summary>
    /// Waits until Capacity lists no cloud node, that is until every idle one was released and removed. On a timeout
    /// the message lists the cloud nodes left and the services' log tails, because a node stays only while something
    /// still holds it.
    /// </summary>
    public static async Task WaitUntilCloudNodesGoneAsync(this SurgeCluster cluster, TimeSpan timeout)
    {
        try
        {
            await Eventually.GetAsync<bool>(
                async () => (await CloudNodesLeftAsync(cluster)).Length == 0 ? true : null,
                timeout,
                "the cloud nodes to be released and removed");
        }
        catch (TimeoutException timedOut)
        {
            var left = await CloudNodesLeftAsync(cluster);
            throw new TimeoutException(
                $"{timedOut.Message}\nCloud nodes left:\n{string.Join("\n", left.Select(node => node.GetRawText()))}\n{cluster.Logs()}",
                timedOut);
        }
    }

    private static async Task<JsonElement[]> CloudNodesLeftAsync(SurgeCluster cluster)
    {
        var nodes = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>("/api/capacity/nodes") ?? [];
        return [.. nodes.Where(node => node.GetProperty("name").GetString()!.Contains("-cloud-", StringComparison.Ordinal))];
    }
}
