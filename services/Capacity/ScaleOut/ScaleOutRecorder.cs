using JasperFx.Events;
using Surge.Contracts.Degradation;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.ScaleOut;

/// <summary>
/// Appends a decision's events to the saga's stream with their reactions: commands to participants, node bookings, and
/// the report to a requesting saga when the saga ends.
/// </summary>
public static class ScaleOutRecorder
{
    /// <summary>Appends <paramref name="events"/> and records what each one causes, all in <paramref name="unit"/>'s transaction.</summary>
    public static async Task RecordAsync(OutboxSession unit, IEventStream<ScaleOutState> stream, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return;
        }

        var state = stream.Aggregate;
        foreach (var e in events)
        {
            var before = state;
            state = ScaleOutDecider.Evolve(state, e)!;
            foreach (var message in ScaleOutReactions.For(e, state))
            {
                unit.Publish(message);
            }

            if (before is not null)
            {
                await NodeLedger.RecordAsync(unit, before, e, unit.Now, cancellationToken);
            }

            if (before is { IsFinished: false } && ScaleOutFinishReport.For(state) is { } finished)
            {
                unit.Publish(finished);
            }
        }

        stream.AppendMany(events);
    }

    /// <summary>
    /// Starts a saga's stream with its first events, from <see cref="ScaleOutDecider.Begin"/>, and publishes what they
    /// cause unless they already finish the saga (a declined request), all in <paramref name="unit"/>'s transaction.
    /// Returns the saga's state.
    /// </summary>
    public static ScaleOutState Start(OutboxSession unit, IReadOnlyList<object> events)
    {
        var requested = (ScaleOutRequested)events[0];
        var state = ScaleOutDecider.Evolve(null, requested)!;
        var messages = new List<object>(ScaleOutReactions.For(requested, state));
        foreach (var e in events.Skip(1))
        {
            state = ScaleOutDecider.Evolve(state, e)!;
            messages.AddRange(ScaleOutReactions.For(e, state));
        }

        unit.Documents.Events.StartStream<ScaleOutState>(state.Id, [.. events]);
        if (!state.IsFinished)
        {
            // The degradation switch goes first, so the load balancer sheds load before placement starts.
            foreach (var message in messages.OrderBy(message => message is SwitchDegradation ? 0 : 1))
            {
                unit.Publish(message);
            }
        }

        return state;
    }
}
