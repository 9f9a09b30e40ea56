using Surge.Capacity.ServiceCatalog;

namespace Surge.Capacity.Tests.ServiceCatalog;

public sealed class ServiceViewTests
{
    private const string Id = "service/feed-api";
    private static readonly ServiceSpec Declared = new("feed-pool", "registry.local/feed-api:1.0.0", new InstanceShapeSpec(500, 512));
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static ServiceView? Fold(params object[] events) =>
        events.Aggregate((ServiceView?)null, (view, e) => ServiceView.After(view, Id, e));

    private static ServiceImageRolledOut RolledOut(string image) => new("feed-api", image, Guid.Empty, At);

    [Fact]
    public void Declared_NewInstancesRunDeclaredImage()
    {
        Assert.Equal("registry.local/feed-api:1.0.0", Fold(new ServiceSpecified("feed-api", Declared))!.ImageForNewInstances);
    }

    [Fact]
    public void RolledOut_NewInstancesRunRolledOutImage()
    {
        var view = Fold(new ServiceSpecified("feed-api", Declared), RolledOut("registry.local/feed-api:1.1.0"))!;

        Assert.Equal("registry.local/feed-api:1.1.0", view.ImageForNewInstances);
        Assert.Equal("registry.local/feed-api:1.0.0", view.Spec.Image);
    }

    [Fact]
    public void ReappliedSameImage_KeepsRolledOutImage()
    {
        var view = Fold(new ServiceSpecified("feed-api", Declared), RolledOut("registry.local/feed-api:1.1.0"), new ServiceSpecified("feed-api", Declared with { MaxInstances = 20 }))!;

        Assert.Equal("registry.local/feed-api:1.1.0", view.ImageForNewInstances);
    }

    [Fact]
    public void DeclaredNewImage_ReplacesRolledOutImage()
    {
        var view = Fold(new ServiceSpecified("feed-api", Declared), RolledOut("registry.local/feed-api:1.1.0"), new ServiceSpecified("feed-api", Declared with { Image = "registry.local/feed-api:2.0.0" }))!;

        Assert.Equal("registry.local/feed-api:2.0.0", view.ImageForNewInstances);
        Assert.Null(view.RunningImage);
    }

    [Fact]
    public void RolledBackToDeclared_ClearsRunningImage()
    {
        var view = Fold(new ServiceSpecified("feed-api", Declared), RolledOut("registry.local/feed-api:1.1.0"), RolledOut("registry.local/feed-api:1.0.0"))!;

        Assert.Null(view.RunningImage);
    }

    [Fact]
    public void RolledOutBeforeDeclared_Ignored()
    {
        Assert.Null(Fold(RolledOut("registry.local/feed-api:1.1.0")));
    }
}
