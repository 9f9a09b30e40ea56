using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Ipam;

/// <summary>Allocation through the API: bad input names the field and changes nothing, and an address never leaves the nodes it works on.</summary>
[Collection(IpamCollection.Name)]
[Trait("Category", "Ipam")]
public sealed class DirectAllocationTests(IpamCluster cluster)
{
    [Fact]
    public async Task BadInput_ProblemNamesTheField()
    {
        using var badNode = await cluster.Gateway.PostAsJsonAsync("/api/ipam/allocations", new { instanceId = Guid.NewGuid(), node = "Bad Node", pool = "direct-pool" });
        Assert.Equal(HttpStatusCode.BadRequest, badNode.StatusCode);
        Assert.True((await badNode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("node", out _));

        using var badId = await cluster.Gateway.GetAsync("/api/ipam/allocations?instanceId=not-a-uuid");
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);
        Assert.True((await badId.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("instanceId", out _));

        using var mapped = await cluster.Gateway.PutAsJsonAsync("/api/ipam/subnets/mapped-net", new { cidr = "::ffff:10.20.0.0/120", nodes = new[] { "direct-node" } });
        Assert.Equal(HttpStatusCode.BadRequest, mapped.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await cluster.Gateway.GetAsync("/api/ipam/subnets/mapped-net")).StatusCode);
    }

    [Fact]
    public async Task ReleasedAddress_404SaysQuarantinedUntil()
    {
        await cluster.PutSubnetAsync("released-net", new { cidr = "10.226.0.0/24", nodes = new[] { "released-node" } });

        var instanceId = Guid.NewGuid();
        using var allocate = await cluster.Gateway.PostAsJsonAsync("/api/ipam/allocations", new { instanceId, node = "released-node", pool = "released-pool" });
        var body = await allocate.Content.ReadAsStringAsync();
        Assert.True(allocate.StatusCode == HttpStatusCode.Created, body);
        var address = JsonDocument.Parse(body).RootElement.GetProperty("address").GetString();
        using (var release = await cluster.Gateway.DeleteAsync($"/api/ipam/allocations/instances/{instanceId}"))
        {
            Assert.True(release.IsSuccessStatusCode, await release.Content.ReadAsStringAsync());
        }

        using var lookup = await cluster.Gateway.GetAsync($"/api/ipam/allocations/addresses/{address}");

        Assert.Equal(HttpStatusCode.NotFound, lookup.StatusCode);
        var detail = (await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString();
        Assert.Contains(instanceId.ToString(), detail, StringComparison.Ordinal);
        Assert.Contains("quarantine until", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allocate_ReleasedRightAfterCommit_Returns201()
    {
        using (var apply = await cluster.Gateway.PutAsJsonAsync("/api/ipam/subnets/racing-net", new { cidr = "10.221.0.0/24", nodes = new[] { "racing-node" } }))
        {
            Assert.True(apply.IsSuccessStatusCode, await apply.Content.ReadAsStringAsync());
        }

        // A release can land between the allocation's commit and its response. The response must still be the
        // committed allocation, never a 500 because the address is already gone.
        using var ipam = new HttpClient { BaseAddress = new Uri(cluster.Service("ipam").BaseUrl) };
        for (var round = 0; round < 60; round++)
        {
            var instanceId = Guid.NewGuid();
            using var stop = new CancellationTokenSource();
            var releasing = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    using var release = await ipam.DeleteAsync($"/allocations/instances/{instanceId}");
                    if (release.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
            });

            using var allocate = await ipam.PostAsJsonAsync("/allocations", new { instanceId, node = "racing-node", pool = "racing-pool" });
            var body = await allocate.Content.ReadAsStringAsync();
            Assert.True(allocate.StatusCode == HttpStatusCode.Created, $"Round {round} answered {(int)allocate.StatusCode}: {body}");
            Assert.Equal(instanceId.ToString(), JsonDocument.Parse(body).RootElement.GetProperty("instanceId").GetString());
            await stop.CancelAsync();
            await releasing;
        }
    }

    [Fact]
    public async Task HeldAddressAskedForInAnotherRack_IsRefused()
    {
        using (var apply = await cluster.Gateway.PutAsJsonAsync("/api/ipam/subnets/racked-net", new
        {
            cidr = "10.220.0.0/24",
            mode = "underlay",
            racks = new object[]
            {
                new { name = "rack-a", cidr = "10.220.0.0/26", nodes = new[] { "racked-a1" } },
                new { name = "rack-b", cidr = "10.220.0.64/26", nodes = new[] { "racked-b1" } },
            },
        }))
        {
            Assert.True(apply.IsSuccessStatusCode, await apply.Content.ReadAsStringAsync());
        }

        var instanceId = Guid.NewGuid();
        using var first = await cluster.Gateway.PostAsJsonAsync("/api/ipam/allocations", new { instanceId, node = "racked-a1", pool = "racked-pool" });
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var address = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("address").GetString();
        Assert.StartsWith("10.220.0.", address);

        using var moved = await cluster.Gateway.PostAsJsonAsync("/api/ipam/allocations", new { instanceId, node = "racked-b1", pool = "racked-pool" });
        Assert.Equal(HttpStatusCode.Conflict, moved.StatusCode);
        Assert.Contains("does not work on node 'racked-b1'", await moved.Content.ReadAsStringAsync());
        Assert.Equal(address, await cluster.AddressOfAsync(instanceId.ToString()));
    }
}
