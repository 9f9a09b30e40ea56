using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Surge.Rollout.Saga;
using Surge.Rollout.Storage;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Problems;

namespace Surge.Rollout.Api;

/// <summary>Applies an operator's command to a rollout the way a consumer applies a reply: lock, fetch, decide, record, commit.</summary>
public sealed class RolloutCommands(OutboxSessionFactory sessions, PartitionLocks locks, IOptions<RolloutOptions> options)
{
    /// <summary>Decides <paramref name="command"/>; 404 for an unknown rollout, 409 with <paramref name="conflict"/> when it changes nothing.</summary>
    public async Task<Accepted<RolloutView>> SendAsync(Guid rolloutId, object command, HttpContext http, string conflict, CancellationToken cancellationToken)
    {
        using var partition = await locks.AcquireAsync(rolloutId.ToString(), cancellationToken);
        await using var unit = sessions.Open(http.GetCorrelationId());
        var stream = await unit.Documents.Events.FetchForWriting<RolloutState>(RolloutState.StreamKey(rolloutId), cancellationToken);
        var rollout = stream.Aggregate ?? throw new ResourceNotFoundException("Rollout", rolloutId.ToString());

        var events = RolloutDecider.Decide(rollout, command, unit.Now, options.Value);
        if (events.Count == 0)
        {
            throw new ResourceConflictException($"Rollout {rolloutId} is {rollout.Status}; {conflict}.");
        }

        var after = RolloutRecorder.Record(unit, stream, events);
        await unit.CommitAsync(cancellationToken);

        // Relative to /rollouts/{id}/{command}, "../{id}" is the rollout itself, here and behind the gateway.
        return TypedResults.Accepted($"../{rolloutId}", RolloutView.From(after));
    }
}
