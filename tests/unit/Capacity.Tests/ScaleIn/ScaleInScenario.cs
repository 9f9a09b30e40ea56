using System.Text.Json;
using Surge.Capacity.ScaleIn;

namespace Surge.Capacity.Tests.ScaleIn;

/// <summary>
/// Runs one step of a scale-in saga the way ScaleInRecorder does, without a database: fold the given events, decide,
/// fold each new event and collect its reactions in order. Also contains a two-victim saga to start from.
/// </summary>
internal static class ScaleInScenario
{
    public static readonly DateTimeOffset RequestedAt = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Now = RequestedAt.AddSeconds(10);

    public static readonly ScaleInTimeouts Timeouts = new(Backend: TimeSpan.FromSeconds(60), InstanceStop: TimeSpan.FromMinutes(2), Address: TimeSpan.FromSeconds(30));
    public static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(30);

    public static readonly DateTimeOffset DrainDeadline = RequestedAt + DrainTimeout + Timeouts.Backend;
    public static readonly DateTimeOffset StopDeadline = RequestedAt.AddMinutes(3);
    public static readonly DateTimeOffset AddressDeadline = RequestedAt.AddMinutes(4);

    public static readonly Guid SagaId = Guid.Parse("0195b000-0000-7000-8000-000000000001");
    public static readonly Guid First = Guid.Parse("0195b000-0000-7000-8000-0000000000b1");
    public static readonly Guid Second = Guid.Parse("0195b000-0000-7000-8000-0000000000b2");
    public static readonly Guid Stranger = Guid.Parse("0195b000-0000-7000-8000-0000000000ff");

    public static readonly IReadOnlyList<ScaleInVictim> Victims =
    [
        new(First, "shared-node-1", "shared-pool", "http://127.42.0.2:8080", Borrowed: true, RequestedAt.AddHours(-1)),
        new(Second, "feed-node-1", "feed-pool", "http://127.42.0.3:8080", Borrowed: false, RequestedAt.AddHours(-2)),
    ];

    public static ScaleInRequested Requested { get; } = new(
        SagaId, "feed-api", "feed-pool", 2, Victims, DrainTimeout, "ops", RequestedAt, DrainDeadline);

    public static VictimsDrained Drained { get; } = new([First, Second], RequestedAt, StopDeadline);

    public static VictimsStopped Stopped { get; } = new([First, Second], RequestedAt, AddressDeadline);

    /// <summary>Folds events into a saga state; the first must be <see cref="ScaleInRequested"/>.</summary>
    public static ScaleInState Given(params object[] events)
    {
        ScaleInState? state = null;
        foreach (var e in events)
        {
            state = ScaleInDecider.Evolve(state, e);
        }

        return state ?? throw new InvalidOperationException("The given events did not start a saga.");
    }

    /// <summary>Decides <paramref name="message"/> at <see cref="Now"/> and returns the events, the messages they send and the new state.</summary>
    public static ScaleInStep When(ScaleInState state, object message) => When(state, message, Now);

    /// <summary>Decides <paramref name="message"/> at <paramref name="now"/> and returns the events, the messages they send and the new state.</summary>
    public static ScaleInStep When(ScaleInState state, object message, DateTimeOffset now)
    {
        var events = ScaleInDecider.Decide(state, message, now, Timeouts);
        var messages = new List<object>();
        var current = state;
        foreach (var e in events)
        {
            current = ScaleInDecider.Evolve(current, e)!;
            messages.AddRange(ScaleInReactions.For(e, current));
        }

        return new ScaleInStep(events, messages, current);
    }

    /// <summary>Returns each value as its type name and JSON, so records holding lists compare by content.</summary>
    public static IReadOnlyList<string> Describe(IEnumerable<object> values) =>
        [.. values.Select(value => $"{value.GetType().Name} {JsonSerializer.Serialize(value, value.GetType())}")];
}

/// <summary>What one decision did: the events appended, the messages sent, and the saga afterwards.</summary>
internal sealed record ScaleInStep(IReadOnlyList<object> Events, IReadOnlyList<object> Messages, ScaleInState State);
