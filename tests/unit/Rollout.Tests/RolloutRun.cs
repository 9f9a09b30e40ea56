using Surge.Contracts.Backends;
using Surge.Contracts.Instances;
using Surge.Rollout.Saga;

namespace Surge.Rollout.Tests;

/// <summary>
/// Drives one rollout the way the recorder does, without a database: each message is decided, each new event folded
/// and its reactions collected in order. The helpers reply as the provisioner, the load balancer and the prober would.
/// </summary>
internal sealed class RolloutRun
{
    public const string Service = "feed-api";
    public const string OldImage = "registry.local/feed-api:1.0.0";
    public const string NewImage = "registry.local/feed-api:1.1.0";

    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly Guid SagaId = Guid.Parse("0195a000-0000-7000-8000-000000000001");
    public static readonly RolloutOptions Options = new();

    private RolloutRun(RolloutState state, IReadOnlyList<object> events, IReadOnlyList<object> commands)
    {
        State = state;
        Events.AddRange(events);
        Commands.AddRange(commands);
    }

    public RolloutState State { get; private set; }

    public DateTimeOffset Now { get; set; } = Start;

    /// <summary>Every event appended so far, in order.</summary>
    public List<object> Events { get; } = [];

    /// <summary>Every command sent so far, in order.</summary>
    public List<object> Commands { get; } = [];

    public static RolloutSpec Spec(
        RolloutStrategy strategy = RolloutStrategy.InPlace,
        int? batchCount = 3,
        int? batchPercent = null,
        int? maxUnavailable = null,
        TimeSpan? pause = null,
        string? httpPath = "/healthz",
        double? maxErrorRate = null,
        int failureThreshold = 1) =>
        new(strategy, batchCount, batchPercent, maxUnavailable, pause ?? TimeSpan.Zero,
            new HealthGate(httpPath, maxErrorRate, TimeSpan.FromSeconds(30)), failureThreshold, TimeSpan.FromSeconds(20));

    public static Guid InstanceId(int number) => Guid.Parse($"0195a000-0000-7000-8000-{number:D12}");

    /// <summary>Instances 1 to <paramref name="count"/>, spread over four nodes, all running the old image.</summary>
    public static IReadOnlyList<RunningInstance> Fleet(int count) =>
        [.. Enumerable.Range(1, count).Select(n => new RunningInstance(InstanceId(n), $"node-{(n - 1) % 4 + 1}", $"127.42.0.{n}", OldImage, $"http://127.42.0.{n}:8080"))];

    /// <summary>A rollout whose request was recorded and not yet described by the provisioner.</summary>
    public static RolloutRun Requested(RolloutSpec spec)
    {
        var requested = new RolloutRequested(SagaId, Service, NewImage, spec, "ops", Start, Start + Options.DescribeTimeout);
        var state = RolloutDecider.Evolve(null, requested)!;
        return new RolloutRun(state, [requested], RolloutReactions.For(requested, state));
    }

    /// <summary>A rollout of <paramref name="count"/> instances whose first batch was started.</summary>
    public static RolloutRun Described(RolloutSpec spec, int count)
    {
        var run = Requested(spec);
        run.Send(new ServiceInstancesDescribed(SagaId, Service, Fleet(count)));
        return run;
    }

    /// <summary>Decides <paramref name="message"/>, folds the events and collects their commands; returns the new events.</summary>
    public IReadOnlyList<object> Send(object message)
    {
        var events = RolloutDecider.Decide(State, message, Now, Options);
        foreach (var e in events)
        {
            State = RolloutDecider.Evolve(State, e)!;
            Commands.AddRange(RolloutReactions.For(e, State));
        }

        Events.AddRange(events);
        return events;
    }

    public IReadOnlyList<Guid> Batch => State.CurrentBatch!.InstanceIds;

    public IReadOnlyList<object> Drained() => Send(new BackendWeightsSet(SagaId, Service, Batch, 0));

    public IReadOnlyList<object> Restored() => Send(new BackendWeightsSet(SagaId, Service, Batch, 1));

    public IReadOnlyList<object> Updated(Guid instanceId)
    {
        var instance = State.Find(instanceId)!;
        return Send(new InstanceUpdated(SagaId, instanceId, instance.Target ?? NewImage, instance.Endpoint));
    }

    public IReadOnlyList<object> UpdateFailed(Guid instanceId) =>
        Send(new Contracts.Instances.InstanceUpdateFailed(SagaId, instanceId, State.Find(instanceId)!.Target!, "The container did not become ready."));

    /// <summary>Every instance of the batch that waits for its update reports it updated.</summary>
    public void UpdateBatch()
    {
        foreach (var instance in State.BatchInstances.Where(i => i.Phase == InstancePhase.Updating).ToList())
        {
            Updated(instance.InstanceId);
        }
    }

    /// <summary>Sends the prober's results for the batch, where instances in <paramref name="unhealthy"/> fail.</summary>
    public IReadOnlyList<object> Probed(params Guid[] unhealthy) => Send(new InstancesProbed(SagaId, State.CurrentBatch!.Number,
        [.. State.BatchInstances.Select(i => new ProbeResult(i.InstanceId, !unhealthy.Contains(i.InstanceId), unhealthy.Contains(i.InstanceId) ? "GET /healthz returned status 503." : null))]));

    public IReadOnlyList<object> Measured(long requests, long failed) => Send(new BackendErrorsMeasured(SagaId, Service, Batch, requests, failed));

    /// <summary>Moves the clock to the stored deadline and fires it.</summary>
    public IReadOnlyList<object> PassDeadline()
    {
        var deadline = State.Deadline ?? throw new InvalidOperationException("The rollout waits for nothing.");
        Now = deadline;
        return Send(new DeadlinePassed(deadline));
    }

    /// <summary>Runs the current in-place batch to its end: every update confirmed and, with an HTTP check, every instance healthy.</summary>
    public void PassBatch()
    {
        if (State.Step == RolloutStep.Drain)
        {
            Drained();
        }

        UpdateBatch();
        if (State.Step == RolloutStep.Probe)
        {
            Probed();
        }

        if (State.Step == RolloutStep.Restore)
        {
            Restored();
        }

        if (State.Step == RolloutStep.Measure)
        {
            Measured(100, 0);
        }
    }

    /// <summary>The events of one type, in order.</summary>
    public List<T> EventsOf<T>() => [.. Events.OfType<T>()];

    /// <summary>The commands of one type, in order.</summary>
    public List<T> CommandsOf<T>() => [.. Commands.OfType<T>()];

    /// <summary>The events about one instance, as their type names, in order.</summary>
    public List<string> TransitionsOf(Guid instanceId) => [.. Events.Where(e => e switch
    {
        InstanceDrained x => x.InstanceId == instanceId,
        InstanceUpdateRequested x => x.InstanceId == instanceId,
        InstanceUpdateConfirmed x => x.InstanceId == instanceId,
        Saga.InstanceUpdateFailed x => x.InstanceId == instanceId,
        InstanceUpdateTimedOut x => x.InstanceId == instanceId,
        InstanceHealthCheckPassed x => x.InstanceId == instanceId,
        InstanceHealthCheckFailed x => x.InstanceId == instanceId,
        InstanceRestored x => x.InstanceId == instanceId,
        _ => false,
    }).Select(e => e.GetType().Name)];
}
