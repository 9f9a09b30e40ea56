using System.Text.Json;
using Surge.Capacity.ScaleOut;
using Surge.Contracts.Addresses;
using Surge.Contracts.Instances;

namespace Surge.Capacity.Tests.ScaleOut;

/// <summary>
/// Runs one step of a scale-out saga the way ScaleOutRecorder does, without a database: fold the given events, decide,
/// fold each new event and collect its reactions in order. Also contains a three-instance saga to start from, whose
/// stored deadlines have all passed at <see cref="Now"/>.
/// </summary>
internal static class SagaScenario
{
    public static readonly DateTimeOffset RequestedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = RequestedAt.AddMinutes(2);

    /// <summary>The default timeouts, which <see cref="ScaleOutDecider.Decide"/> also uses when given none.</summary>
    public static readonly SagaOptions Options = new();

    public static readonly DateTimeOffset PlacementDeadline = RequestedAt.AddSeconds(30);
    public static readonly DateTimeOffset AddressDeadline = RequestedAt.AddSeconds(40);
    public static readonly DateTimeOffset StartDeadline = RequestedAt.AddSeconds(60);
    public static readonly DateTimeOffset BackendDeadline = RequestedAt.AddSeconds(90);
    public static readonly DateTimeOffset UndoDeadline = RequestedAt.AddSeconds(100);

    public static readonly Guid SagaId = Guid.Parse("0195a000-0000-7000-8000-000000000001");
    public static readonly Guid First = Guid.Parse("0195a000-0000-7000-8000-0000000000a1");
    public static readonly Guid Second = Guid.Parse("0195a000-0000-7000-8000-0000000000a2");
    public static readonly Guid Third = Guid.Parse("0195a000-0000-7000-8000-0000000000a3");
    public static readonly Guid Stranger = Guid.Parse("0195a000-0000-7000-8000-0000000000ff");

    public static readonly InstanceShape Shape = new(500, 512, "registry.local/feed-api:1.0.0");

    public static readonly IReadOnlyList<InstancePlacement> Placements =
    [
        new(First, "feed-node-1", "feed-pool"),
        new(Second, "feed-node-2", "feed-pool"),
        new(Third, "shared-node-1", "shared-pool"),
    ];

    public static readonly IReadOnlyList<AddressAssignment> Assignments =
    [
        new(First, "feed-net", "127.42.0.2"),
        new(Second, "feed-net", "127.42.0.3"),
        new(Third, "feed-net", "127.42.0.4"),
    ];

    public static ScaleOutRequested Requested { get; } = new(
        SagaId, "feed-api", "feed-pool", 3, Shape, new ScaleOutTrigger("api", null, null, null, null, "ops"), RequestedAt, PlacementDeadline);

    public static InstancesPlaced Placed { get; } = new(Placements, RequestedAt, AddressDeadline);

    public static AddressesAssigned Assigned { get; } = new(
        [.. Assignments.Select(a => new AssignedAddress(a.InstanceId, a.Subnet, a.Address))], RequestedAt, StartDeadline);

    /// <summary>Every instance is ready and the saga waits for the load balancer.</summary>
    public static BackendsRequested RegisteringAll { get; } = new([First, Second, Third], RequestedAt, BackendDeadline);

    /// <summary>The events of a saga whose three instances are ready and whose backends are being registered.</summary>
    public static object[] UpToRegistering() => [Requested, Placed, Assigned, Ready(First), Ready(Second), Ready(Third), RegisteringAll];

    public static string EndpointOf(Guid instanceId) => instanceId switch
    {
        _ when instanceId == First => "http://127.42.0.2:8080",
        _ when instanceId == Second => "http://127.42.0.3:8080",
        _ when instanceId == Third => "http://127.42.0.4:8080",
        _ => "http://127.42.0.99:8080",
    };

    public static InstanceReady Ready(Guid instanceId) => new(instanceId, EndpointOf(instanceId), RequestedAt);

    public static InstanceFailed Failed(Guid instanceId, string reason = "image pull failed") => new(instanceId, reason, RequestedAt);

    public static InstanceStarted Started(Guid instanceId) => new(SagaId, instanceId, EndpointOf(instanceId));

    /// <summary>Folds events into a saga state; the first must be <see cref="ScaleOutRequested"/>.</summary>
    public static ScaleOutState Given(params object[] events)
    {
        ScaleOutState? state = null;
        foreach (var e in events)
        {
            state = ScaleOutDecider.Evolve(state, e);
        }

        return state ?? throw new InvalidOperationException("The given events did not start a saga.");
    }

    /// <summary>Decides <paramref name="message"/> on <paramref name="state"/> at <see cref="Now"/> with the default timeouts.</summary>
    public static SagaStep When(ScaleOutState state, object message) => When(state, message, Now);

    /// <summary>Decides <paramref name="message"/> on <paramref name="state"/> at <paramref name="now"/> and returns the events, the messages they send and the new state.</summary>
    public static SagaStep When(ScaleOutState state, object message, DateTimeOffset now, SagaOptions? options = null)
    {
        var events = ScaleOutDecider.Decide(state, message, now, options);
        var messages = new List<object>();
        var current = state;
        foreach (var e in events)
        {
            current = ScaleOutDecider.Evolve(current, e)!;
            messages.AddRange(ScaleOutReactions.For(e, current));
        }

        return new SagaStep(events, messages, current);
    }

    /// <summary>Decides each message in turn, starting from <paramref name="state"/>, and returns every step.</summary>
    public static IReadOnlyList<SagaStep> WhenEach(ScaleOutState state, params object[] messages)
    {
        var steps = new List<SagaStep>();
        foreach (var message in messages)
        {
            var step = When(state, message);
            steps.Add(step);
            state = step.State;
        }

        return steps;
    }

    /// <summary>Returns each value as its type name and JSON, so records holding lists compare by content.</summary>
    public static IReadOnlyList<string> Describe(IEnumerable<object> values) =>
        [.. values.Select(value => $"{value.GetType().Name} {JsonSerializer.Serialize(value, value.GetType())}")];
}

/// <summary>What one decision did: the events appended, the messages sent, and the saga afterwards.</summary>
internal sealed record SagaStep(IReadOnlyList<object> Events, IReadOnlyList<object> Messages, ScaleOutState State);
