using k8s;
using k8s.Models;
using Surge.Provisioner.Providers.Kubernetes;

namespace Surge.KubernetesApi.Tests.Driver;

public class WatchCursorTests
{
    [Fact]
    public void Start_NewCursor_ListsFirst()
    {
        var cursor = WatchCursor.Start;

        Assert.True(cursor.MustList);
        Assert.Equal("120", cursor.Listed("120").ResourceVersion);
        Assert.False(cursor.Listed("120").MustList);
    }

    [Fact]
    public void Saw_EventsAndBookmarks_MoveResumePoint()
    {
        var cursor = WatchCursor.Start.Listed("120").Saw("125").Saw(null).Saw("130");

        Assert.Equal("130", cursor.ResourceVersion);
    }

    [Fact]
    public void Resumed_EndedWatch_KeepsLastVersion()
    {
        var cursor = WatchCursor.Start.Listed("120").Saw("125").Resumed();

        Assert.Equal("125", cursor.ResourceVersion);
        Assert.Equal(1, cursor.Resumes);
        Assert.False(cursor.MustList);
    }

    [Fact]
    public void Expired_410_ListsAgain()
    {
        var cursor = WatchCursor.Start.Listed("120").Expired();

        Assert.True(cursor.MustList);
        Assert.Equal(1, cursor.Relists);
    }

    [Theory]
    [InlineData("error-410-gone-older-apiservers")]
    [InlineData("error-410-expired-current-apiservers")]
    public void IsExpired_Real410Frame_True(string frameId)
    {
        var frame = KubernetesJson.Deserialize<Watcher<V1Status>.WatchEvent>(TestData.WatchFrame(frameId));

        Assert.True(WatchCursor.IsExpired(new KubernetesException(frame.Object)));
    }

    [Fact]
    public void IsExpired_OtherStatus_False() =>
        Assert.False(WatchCursor.IsExpired(new KubernetesException(new V1Status { Code = 500 })));
}
