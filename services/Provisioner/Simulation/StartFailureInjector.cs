namespace Surge.Provisioner.Simulation;

/// <summary>Decides at random which simulated instance starts fail, at the configured failure rate.</summary>
public sealed class StartFailureInjector
{
    private readonly Random random;
    private readonly Lock gate = new();

    /// <summary>Creates the injector. The caller seeds <paramref name="random"/> for repeatable runs.</summary>
    public StartFailureInjector(Random random, double failureRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(failureRate, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(failureRate, 1.0);
        this.random = random;
        FailureRate = failureRate;
    }

    /// <summary>The probability, from 0 to 1, that a start fails.</summary>
    public double FailureRate { get; }

    /// <summary>Creates the injector from the options, seeded with <see cref="SimulatedDataCentreOptions.Seed"/> when it is set.</summary>
    public static StartFailureInjector From(SimulatedDataCentreOptions options) =>
        new(options.Seed is { } seed ? new Random(seed) : new Random(), options.FailureRate);

    /// <summary>Returns true when the next start fails.</summary>
    public bool NextStartFails()
    {
        if (FailureRate == 0)
        {
            return false;
        }

        // Random is not thread-safe, and starts run concurrently.
        lock (gate)
        {
            return random.NextDouble() < FailureRate;
        }
    }
}
