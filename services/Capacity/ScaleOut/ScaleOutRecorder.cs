using JasperFx.Events;
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
}
