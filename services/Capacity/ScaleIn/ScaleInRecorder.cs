using JasperFx.Events;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleIn;

/// <summary>
/// Appends a scale-in decision's events with their reactions: commands to participants, node bookings, and the report
/// to a requesting saga when the saga ends.
/// </summary>
public static class ScaleInRecorder
{
    /// <summary>Starts the saga's stream with <paramref name="requested"/>, marks its victims and sends the drain; returns the new state.</summary>
    public static async Task<ScaleInState> StartAsync(OutboxSession unit, ScaleInRequested requested, CancellationToken cancellationToken)
    {
        var state = ScaleInDecider.Evolve(null, requested)!;
        unit.Documents.Events.StartStream<ScaleInState>(state.Id, requested);
        await ReactAsync(unit, null, requested, state, cancellationToken);
        return state;
    }

    /// <summary>Appends <paramref name="events"/> and records what each one causes, all in <paramref name="unit"/>'s transaction.</summary>
    public static async Task RecordAsync(OutboxSession unit, IEventStream<ScaleInState> stream, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var state = stream.Aggregate;
        foreach (var e in events)
        {
            var before = state;
            state = ScaleInDecider.Evolve(state, e)!;
            await ReactAsync(unit, before, e, state, cancellationToken);
        }

        stream.AppendMany(events);
    }

    private static async Task ReactAsync(OutboxSession unit, ScaleInState? before, object e, ScaleInState after, CancellationToken cancellationToken)
    {
        foreach (var message in ScaleInReactions.For(e, after))
        {
            unit.Publish(message);
        }

        if (before is { IsFinished: false } && ScaleInFinishReport.For(after) is { } finished)
        {
            unit.Publish(finished);
        }

        await ScaleInNodeLedger.RecordAsync(unit, before, e, unit.Now, cancellationToken);
    }
}
