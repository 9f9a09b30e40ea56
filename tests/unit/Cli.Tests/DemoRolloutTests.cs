using Surge.Cli.Commands;
using Surge.Cli.Demo;

namespace Surge.Cli.Tests;

/// <summary>The demo's rollout step: which results fail the demo, and how the new image is named.</summary>
public class DemoRolloutTests
{
    private static RolloutTrialResult Result(string strategy, string status = "Completed", int lost = 0, int changes = 0) =>
        new(strategy, "registry.local/feed-api:demo", status, status == "Completed" ? null : "gate failed", TimeSpan.FromSeconds(3), 200, lost, changes);

    [Fact]
    public void RolloutFailure_InPlaceLosesRequests_IsNull() =>
        Assert.Null(DemoVerdict.RolloutFailure([Result("in-place", lost: 3), Result("drained-in-place")]));

    [Fact]
    public void RolloutFailure_DrainedLosesRequests_NamesTheCount()
    {
        var reason = DemoVerdict.RolloutFailure([Result("in-place"), Result("drained-in-place", lost: 2)]);

        Assert.NotNull(reason);
        Assert.Contains("2", reason);
    }

    [Fact]
    public void RolloutFailure_BackendSetChanged_NamesTheStrategy()
    {
        var reason = DemoVerdict.RolloutFailure([Result("in-place", changes: 2)]);

        Assert.NotNull(reason);
        Assert.Contains("in-place", reason);
    }

    [Fact]
    public void RolloutFailure_RecreateChangesBackends_IsNull() =>
        Assert.Null(DemoVerdict.RolloutFailure([Result("in-place"), Result("drained-in-place"), Result("recreate", changes: 8)]));

    [Fact]
    public void RolloutFailure_RecreateLosesRequests_NamesTheCount()
    {
        var reason = DemoVerdict.RolloutFailure([Result("recreate", lost: 5, changes: 8)]);

        Assert.NotNull(reason);
        Assert.Contains("recreate", reason);
        Assert.Contains("5", reason);
    }

    [Theory]
    [InlineData("RolledBack")]
    [InlineData("Running")]
    public void RolloutFailure_NotCompleted_NamesTheStatus(string status)
    {
        var reason = DemoVerdict.RolloutFailure([Result("drained-in-place", status)]);

        Assert.NotNull(reason);
        Assert.Contains(status, reason);
    }

    [Theory]
    [InlineData("registry.local/feed-api:1.0.0", "registry.local/feed-api")]
    [InlineData("registry.local:5000/feed-api:1.0.0", "registry.local:5000/feed-api")]
    [InlineData("registry.local:5000/feed-api", "registry.local:5000/feed-api")]
    [InlineData("feed-api@sha256:abc", "feed-api")]
    [InlineData("feed-api", "feed-api")]
    public void RepositoryOf_Image_DropsTagAndDigest(string image, string repository) =>
        Assert.Equal(repository, DemoCommand.RepositoryOf(image));
}
