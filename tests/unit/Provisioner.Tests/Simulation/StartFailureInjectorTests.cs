using Surge.Provisioner.Simulation;

namespace Surge.Provisioner.Tests.Simulation;

public sealed class StartFailureInjectorTests
{
    [Fact]
    public void NextStartFails_RateZero_NeverFails()
    {
        var injector = new StartFailureInjector(new Random(1), 0);

        Assert.DoesNotContain(true, Enumerable.Range(0, 1000).Select(_ => injector.NextStartFails()));
    }

    [Fact]
    public void NextStartFails_RateOne_AlwaysFails()
    {
        var injector = new StartFailureInjector(new Random(1), 1);

        Assert.DoesNotContain(false, Enumerable.Range(0, 1000).Select(_ => injector.NextStartFails()));
    }

    [Fact]
    public void NextStartFails_SameSeed_RepeatsSequence()
    {
        var first = new StartFailureInjector(new Random(42), 0.3);
        var second = new StartFailureInjector(new Random(42), 0.3);

        var firstRun = Enumerable.Range(0, 200).Select(_ => first.NextStartFails()).ToArray();
        var secondRun = Enumerable.Range(0, 200).Select(_ => second.NextStartFails()).ToArray();

        Assert.Equal(firstRun, secondRun);
        Assert.InRange(firstRun.Count(failed => failed), 30, 90);
    }
}
