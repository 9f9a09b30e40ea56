using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Surge.IntegrationTests.Harness;

/// <summary>Starts scale-outs through the gateway's API, as a team would.</summary>
public static class ScaleOutRequests
{
    /// <summary>Requests a scale-out of <paramref name="count"/> instances and returns the saga id.</summary>
    public static async Task<Guid> RequestScaleOutAsync(this SurgeCluster cluster, string service, int count, int? minimumCount = null)
    {
        using var response = await cluster.Gateway.PostAsJsonAsync("/api/sagas/scale-out", new { service, count, requestedBy = "tests", minimumCount });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"Scale-out request failed with {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("sagaId").GetGuid();
    }
}
