using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Surge.IntegrationTests.Harness;

/// <summary>Runs the gateway's invariant check across reservations, addresses, instances and backends.</summary>
public static class InvariantChecks
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Returns the report of <c>GET /api/invariants</c>, called with the viewer key; fails on any status but 200.</summary>
    public static async Task<JsonElement> GetInvariantReportAsync(this SurgeCluster cluster)
    {
        using var client = cluster.CreateGatewayClient(cluster.ApiKeys["viewer"]);
        using var response = await client.GetAsync("/api/invariants");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET /api/invariants answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>
    /// Fails with every finding listed unless the invariant check comes back clean within <paramref name="timeout"/>
    /// (15 s by default). The check is repeated because messages still queued, such as a late start report that makes
    /// Capacity stop an instance, settle the fleet after every saga has finished.
    /// </summary>
    public static async Task AssertNoInvariantViolationsAsync(this SurgeCluster cluster, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        var report = await cluster.GetInvariantReportAsync();
        while (!report.GetProperty("clean").GetBoolean() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
            report = await cluster.GetInvariantReportAsync();
        }

        Assert.True(report.GetProperty("clean").GetBoolean(), Describe(report));
    }

    /// <summary>Returns the findings of a report, one line each, for a failure message.</summary>
    public static string Describe(JsonElement report)
    {
        var findings = report.GetProperty("findings").EnumerateArray().ToList();
        var text = new StringBuilder($"The invariant check found {findings.Count} violations ({report.GetProperty("inFlightInstances").GetInt32()} instances in flight):");
        foreach (var finding in findings)
        {
            text.Append($"\n- {finding.GetProperty("kind").GetString()} ({finding.GetProperty("severity").GetString()}): {finding.GetProperty("detail").GetString()}");
        }

        return text.ToString();
    }
}
