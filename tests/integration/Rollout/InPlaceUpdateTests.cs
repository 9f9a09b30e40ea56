using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Rollout;

/// <summary>The Provisioner's side of a rollout: describing a service's instances and updating them in place.</summary>
[Collection(ClusterCollection.Name)]
[Trait("Category", "Rollout")]
public sealed class InPlaceUpdateTests(SurgeCluster cluster)
{
    private const string Service = "rollout-update";
    private const string NewImage = "registry.local/rollout-update:2.0.0";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task UpdateInstances_Running_SameEndpointNewImage()
    {
        await cluster.ApplyFleetAsync(Fleets.ForService(Service, "127.77.240.0/24", "{alertname: RolloutUpdateTraffic}"));
        var scaleOut = await cluster.WaitForFinishedSagaAsync(await cluster.RequestScaleOutAsync(Service, 2), Timeout);
        Assert.True(scaleOut.GetProperty("status").GetString() == "Completed", $"{scaleOut}\n{cluster.Logs()}");
        await using var messages = await SagaMessages.ListenAsync(
            cluster,
            "Surge.Contracts.Instances:ServiceInstancesDescribed",
            "Surge.Contracts.Instances:InstanceUpdated",
            "Surge.Contracts.Instances:InstanceUpdateFailed");
        var sagaId = Guid.NewGuid();

        var before = await DescribeAsync(messages, sagaId);
        var target = before[0];
        await messages.PublishAsync("Surge.Contracts.Instances:UpdateInstances", new { sagaId, service = Service, image = NewImage, instanceIds = new[] { target.InstanceId } });
        var updated = await messages.WaitForAsync("Surge.Contracts.Instances:InstanceUpdated", IsFor(sagaId, target.InstanceId), Timeout);

        Assert.Equal(2, before.Count);
        Assert.Equal("registry.local/rollout-update:1.0.0", target.Image);
        Assert.Equal(NewImage, updated.GetProperty("image").GetString());
        Assert.Equal(target.Endpoint, updated.GetProperty("endpoint").GetString());
        Assert.Equal(NewImage, await ImageServedAtAsync(target.Endpoint));
        var after = await DescribeAsync(messages, sagaId);
        Assert.Equal(NewImage, after.Single(instance => instance.InstanceId == target.InstanceId).Image);
        Assert.Equal("registry.local/rollout-update:1.0.0", after.Single(instance => instance.InstanceId != target.InstanceId).Image);
        var view = await cluster.Gateway.GetFromJsonAsync<JsonElement>($"/api/provisioner/instances/{target.InstanceId}");
        Assert.Equal(NewImage, view.GetProperty("image").GetString());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("updatingTo").ValueKind);

        // A second request for the image the instance runs gets its reply at once and restarts nothing.
        var again = Guid.NewGuid();
        await messages.PublishAsync("Surge.Contracts.Instances:UpdateInstances", new { sagaId = again, service = Service, image = NewImage, instanceIds = new[] { target.InstanceId } });
        var repeated = await messages.WaitForAsync("Surge.Contracts.Instances:InstanceUpdated", IsFor(again, target.InstanceId), Timeout);
        Assert.Equal(target.Endpoint, repeated.GetProperty("endpoint").GetString());
        var unchanged = await cluster.Gateway.GetFromJsonAsync<JsonElement>($"/api/provisioner/instances/{target.InstanceId}");
        Assert.Equal(view.GetProperty("updatedAt").GetString(), unchanged.GetProperty("updatedAt").GetString());
    }

    [Fact]
    public async Task UpdateInstances_ProvisionerRestarts_UpdateResumes()
    {
        const string service = "rollout-resume";
        await cluster.ApplyFleetAsync(Fleets.ForService(service, "127.77.243.0/24", "{alertname: RolloutResumeTraffic}"));
        var scaleOut = await cluster.WaitForFinishedSagaAsync(await cluster.RequestScaleOutAsync(service, 1), Timeout);
        Assert.True(scaleOut.GetProperty("status").GetString() == "Completed", $"{scaleOut}\n{cluster.Logs()}");
        var provisioner = cluster.Service("provisioner");

        // An update that takes an hour before the time scale, 3.6 seconds here, is still running when the process dies.
        await provisioner.RestartAsync(SurgeCluster.StartTimeout, new Dictionary<string, string>
        {
            ["SimulatedDataCentre__Operations__UpdateInstance__Latency__Mean"] = "01:00:00",
        });
        await using var messages = await SagaMessages.ListenAsync(cluster, "Surge.Contracts.Instances:InstanceUpdated", "Surge.Contracts.Instances:InstanceUpdateFailed");
        var instances = await cluster.Gateway.GetFromJsonAsync<JsonElement[]>($"/api/provisioner/instances?service={service}&state=Started");
        var instanceId = Assert.Single(instances!).GetProperty("instanceId").GetGuid();
        var endpoint = instances![0].GetProperty("endpoint").GetString()!;
        var sagaId = Guid.NewGuid();

        await messages.PublishAsync("Surge.Contracts.Instances:UpdateInstances", new { sagaId, service, image = NewImage, instanceIds = new[] { instanceId } });
        await Eventually.GetAsync(
            async () => (await cluster.Gateway.GetFromJsonAsync<JsonElement>($"/api/provisioner/instances/{instanceId}")).GetProperty("updatingTo").GetString() == NewImage ? true : (bool?)null,
            Timeout,
            "the update to be recorded");
        await provisioner.RestartAsync(SurgeCluster.StartTimeout);
        var updated = await messages.WaitForAsync("Surge.Contracts.Instances:InstanceUpdated", IsFor(sagaId, instanceId), Timeout);

        Assert.Equal(endpoint, updated.GetProperty("endpoint").GetString());
        Assert.Equal(NewImage, await ImageServedAtAsync(endpoint));
    }

    private static Func<JsonElement, bool> IsFor(Guid sagaId, Guid instanceId) =>
        message => message.GetProperty("sagaId").GetGuid() == sagaId && message.GetProperty("instanceId").GetGuid() == instanceId;

    private static async Task<List<(Guid InstanceId, string Image, string Endpoint)>> DescribeAsync(SagaMessages messages, Guid sagaId)
    {
        await messages.PublishAsync("Surge.Contracts.Instances:DescribeServiceInstances", new { sagaId, service = Service });
        var described = await messages.WaitForAsync(
            "Surge.Contracts.Instances:ServiceInstancesDescribed",
            message => message.GetProperty("sagaId").GetGuid() == sagaId,
            Timeout);
        return described.GetProperty("instances").EnumerateArray()
            .Select(instance => (instance.GetProperty("instanceId").GetGuid(), instance.GetProperty("image").GetString()!, instance.GetProperty("endpoint").GetString()!))
            .ToList();
    }

    private static async Task<string?> ImageServedAtAsync(string endpoint)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(new Uri(endpoint));
        return response.Headers.TryGetValues("X-Surge-Image", out var values) ? values.Single() : null;
    }
}
