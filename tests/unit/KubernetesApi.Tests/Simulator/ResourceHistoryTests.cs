using System.Text.Json.Nodes;
using Surge.Simulators.KubernetesApi.Store;

namespace Surge.KubernetesApi.Tests.Simulator;

public class ResourceHistoryTests
{
    private static readonly ResourceKey Pod = new(ResourceKind.Pods, "default", "a");

    private static void Change(ResourceHistory history) =>
        history.Record(new WatchEvent("MODIFIED", history.Next(), Pod, []));

    [Fact]
    public void Next_NewHistory_CountsFromOne()
    {
        var history = new ResourceHistory(10);

        Assert.Equal(1, history.Next());
        Assert.Equal(2, history.Next());
        Assert.Equal(2, history.Current);
    }

    [Fact]
    public void Start_KeptVersion_ReplaysLaterEvents()
    {
        var history = new ResourceHistory(10);
        for (var i = 0; i < 5; i++)
        {
            Change(history);
        }

        var start = Assert.IsType<WatchStart.Replay>(history.Start(3));

        Assert.Equal([4L, 5L], start.Events.Select(change => change.ResourceVersion));
    }

    [Fact]
    public void Start_DroppedVersion_IsTooOld()
    {
        var history = new ResourceHistory(3);
        for (var i = 0; i < 6; i++)
        {
            Change(history);
        }

        var tooOld = Assert.IsType<WatchStart.TooOld>(history.Start(2));

        Assert.Equal(3, history.CompactedThrough);
        Assert.Equal("too old resource version: 2 (3)", tooOld.Message);
        Assert.IsType<WatchStart.Replay>(history.Start(3));
    }

    [Fact]
    public void ExpireBefore_KeptVersion_IsTooOld()
    {
        var history = new ResourceHistory(100);
        for (var i = 0; i < 5; i++)
        {
            Change(history);
        }

        history.ExpireBefore(4);

        Assert.IsType<WatchStart.TooOld>(history.Start(3));
        Assert.IsType<WatchStart.Replay>(history.Start(4));
    }

    [Fact]
    public void Expired_Status_MatchesReal410Frame()
    {
        var real = JsonNode.Parse(TestData.WatchFrame("error-410-expired-current-apiservers"))!["object"]!;

        var simulated = Surge.Simulators.KubernetesApi.Api.Statuses.Expired("too old resource version: 900 (1200)");

        Assert.True(JsonNode.DeepEquals(real, simulated), simulated.ToJsonString());
    }
}
