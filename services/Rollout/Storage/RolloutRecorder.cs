using JasperFx.Events;
using Surge.Rollout.Saga;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Rollout.Storage;

/// <summary>Appends a decision's events to the rollout's stream with the commands they cause.</summary>
public static class RolloutRecorder
{
    /// <summary>Appends <paramref name="events"/> and records what each one causes, all in <paramref name="unit"/>'s transaction; returns the state after them.</summary>
    public static RolloutState Record(OutboxSession unit, IEventStream<RolloutState> stream, IReadOnlyList<object> events)
    {
        var state = stream.Aggregate!;
        if (events.Count == 0)
        {
            return state;
        }

        foreach (var e in events)
        {
            state = RolloutDecider.Evolve(state, e)!;
            foreach (var message in RolloutReactions.For(e, state))
            {
                unit.Publish(message);
            }
        }

        stream.AppendMany(events);
        if (state.IsFinished)
        {
            unit.Documents.Delete<ActiveRollout>(state.Service);
        }

        return state;
    }
}
