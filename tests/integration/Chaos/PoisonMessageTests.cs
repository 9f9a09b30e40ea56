using System.Text;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Chaos;

/// <summary>A message no retry can handle is retried a bounded number of times, parked in the error queue with its reason, and its saga compensates.</summary>
[Collection(ChaosCollection.Name)]
[Trait("Category", "Chaos")]
public sealed class PoisonMessageTests(ChaosCluster cluster)
{
    [Fact]
    public async Task PoisonedAddressRequest_ParkedWithReason_SagaCompensates()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService("poison", "127.78.30.0/24", "{alertname: Poison}"));
        await cluster.Service("ipam").RestartAsync(SurgeCluster.StartTimeout, new Dictionary<string, string> { ["Chaos__FailHandlingOf"] = "AllocateAddresses" });

        try
        {
            var sagaId = await cluster.RequestScaleOutAsync("poison", count: 2);
            var saga = await cluster.WaitForFinishedSagaAsync(sagaId, TimeSpan.FromSeconds(60));

            Assert.True(saga.GetProperty("status").GetString() == "Failed", $"{saga}\n{cluster.Logs()}");
            Assert.Equal("addresses", saga.GetProperty("failedStep").GetString());
            Assert.Contains("InjectedFailureException", saga.GetProperty("failureReason").GetString());
            await AssertParkedWithReasonAsync();
            await cluster.AssertNoInvariantViolationsAsync();
        }
        finally
        {
            await cluster.Service("ipam").RestartAsync(SurgeCluster.StartTimeout);
        }
    }

    private async Task AssertParkedWithReasonAsync()
    {
        Assert.NotNull(cluster.OwnVirtualHost);
        var headers = await Broker.TakeAsync(Environment.GetEnvironmentVariable("SURGE_TEST_RABBITMQ")!, cluster.OwnVirtualHost!, $"{cluster.EntityPrefix}ipam_error");

        Assert.NotNull(headers);
        var described = string.Join(", ", headers!.Select(header => $"{header.Key}={Text(header.Value)}"));
        Assert.True(headers.ContainsKey("MT-Fault-ExceptionType"), described);
        Assert.Contains("InjectedFailureException", Text(headers["MT-Fault-ExceptionType"]));
        Assert.Contains("injects a failure into every AllocateAddresses", Text(headers["MT-Fault-Message"]));

        // One delivery plus the chaos cluster's RetryLimit (3) retries, then the error queue: no endless redelivery.
        Assert.Equal(4, cluster.Service("ipam").CountLogLines("Chaos hook: failing AllocateAddresses"));
    }

    private static string Text(object? header) => header switch
    {
        byte[] bytes => Encoding.UTF8.GetString(bytes),
        null => "",
        _ => header.ToString() ?? "",
    };
}
