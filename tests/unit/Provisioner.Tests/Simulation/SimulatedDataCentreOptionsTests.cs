using Microsoft.Extensions.Options;
using Surge.Provisioner.Simulation;

namespace Surge.Provisioner.Tests.Simulation;

public sealed class SimulatedDataCentreOptionsTests
{
    private static ValidateOptionsResult Validate(SimulatedDataCentreOptions options) =>
        new DataAnnotationValidateOptions<SimulatedDataCentreOptions>(null).Validate(null, options);

    [Fact]
    public void Defaults_AreValidReferenceNumbers()
    {
        var options = new SimulatedDataCentreOptions();

        Assert.True(Validate(options).Succeeded);
        Assert.Equal(1.0, options.TimeScale);
        Assert.Equal(TimeSpan.FromMinutes(3), options.InstanceStartLatency);
        Assert.Equal(TimeSpan.FromSeconds(5), options.InstanceStopLatency);
        Assert.Equal(TimeSpan.FromMinutes(1), options.VmCreateLatency);
        Assert.Equal(TimeSpan.FromMinutes(3), options.VmBootLatency);
        Assert.Equal(8080, options.InstancePort);
        Assert.Equal(0.0, options.FailureRate);
        Assert.Null(options.Seed);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void TimeScale_OutOfRange_FailsWithFullKey(double timeScale)
    {
        var result = Validate(new SimulatedDataCentreOptions { TimeScale = timeScale });

        Assert.True(result.Failed);
        Assert.Contains("SimulatedDataCentre:TimeScale", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0001)]
    [InlineData(0.01)]
    [InlineData(1.0)]
    public void TimeScale_InRange_Succeeds(double timeScale)
    {
        Assert.True(Validate(new SimulatedDataCentreOptions { TimeScale = timeScale }).Succeeded);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(65536)]
    public void InstancePort_OutOfRange_FailsWithFullKey(int port)
    {
        var result = Validate(new SimulatedDataCentreOptions { InstancePort = port });

        Assert.True(result.Failed);
        Assert.Contains("SimulatedDataCentre:InstancePort", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(65535)]
    public void InstancePort_InRange_Succeeds(int port)
    {
        Assert.True(Validate(new SimulatedDataCentreOptions { InstancePort = port }).Succeeded);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void FailureRate_OutOfRange_FailsWithFullKey(double failureRate)
    {
        var result = Validate(new SimulatedDataCentreOptions { FailureRate = failureRate });

        Assert.True(result.Failed);
        Assert.Contains("SimulatedDataCentre:FailureRate", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void InstanceStartLatency_Negative_FailsWithFullKey()
    {
        var result = Validate(new SimulatedDataCentreOptions { InstanceStartLatency = TimeSpan.FromSeconds(-1) });

        Assert.True(result.Failed);
        Assert.Contains("SimulatedDataCentre:InstanceStartLatency", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void InstanceStopLatency_Negative_FailsWithFullKey()
    {
        var result = Validate(new SimulatedDataCentreOptions { InstanceStopLatency = TimeSpan.FromSeconds(-1) });

        Assert.True(result.Failed);
        Assert.Contains("SimulatedDataCentre:InstanceStopLatency", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Scale_SmallTimeScale_ShortensLatency()
    {
        var options = new SimulatedDataCentreOptions { TimeScale = 0.01 };

        Assert.Equal(TimeSpan.FromSeconds(1.8), options.Scale(options.InstanceStartLatency));
    }
}
