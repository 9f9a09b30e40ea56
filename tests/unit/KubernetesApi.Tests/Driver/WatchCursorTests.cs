using k8s;
using k8s.Models;
using Surge.Provisioner.Providers.Kubernetes;

namespace Surge.KubernetesApi.Tests.Driver;

public class WatchCursorTests
{
    [Fact]
    public void A_new_cursor_lists_first_then_watches_from_the_list()
    {
        var cursor = WatchCursor.Start;

        Assert.True(cursor.MustList);
        Assert.Equal("120", cursor.Listed("120").ResourceVersion);
        Assert.False(cursor.Listed("120").MustList);
    }

    [Fact]
    public void Events_and_bookmarks_move_the_resume_point()
    {
        var cursor = WatchCursor.Start.Listed("120").Saw("125").Saw(null).Saw("130");

        Assert.Equal("130", cursor.ResourceVersion);
    }

    [Fact]
    public void A_silent_or_ended_watch_resumes_from_the_last_version()
    {
        var cursor = WatchCursor.Start.Listed("120").Saw("125").Resumed();

        Assert.Equal("125", cursor.ResourceVersion);
        Assert.Equal(1, cursor.Resumes);
        Assert.False(cursor.MustList);
    }

    [Fact]
    public void A_410_makes_the_next_round_list_again()
    {
        var cursor = WatchCursor.Start.Listed("120").Expired();

        Assert.True(cursor.MustList);
        Assert.Equal(1, cursor.Relists);
    }

    [Theory]
    [InlineData("error-410-gone-older-apiservers")]
    [InlineData("error-410-expired-current-apiservers")]
    public void Real_410_frames_are_recognised_as_expired(string frameId)
    {
        var frame = KubernetesJson.Deserialize<Watcher<V1Status>.WatchEvent>(TestData.WatchFrame(frameId));

        Assert.True(WatchCursor.IsExpired(new KubernetesException(frame.Object)));
    }

    [Fact]
    public void Other_errors_are_not_expired() =>
        Assert.False(WatchCursor.IsExpired(new KubernetesException(new V1Status { Code = 500 })));
}
