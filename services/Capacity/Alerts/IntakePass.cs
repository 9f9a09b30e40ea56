using JasperFx.Events;
using Marten;
using Surge.Capacity.Incidents;
using Surge.Capacity.Nodes;
using Surge.Capacity.ScaleOut;
using Surge.Contracts.Alerts;
using Surge.ServiceDefaults.Messaging;

namespace Surge.Capacity.Alerts;

/// <summary>
/// One intake pass over a notification: the alert streams it fetched for writing, with the state its own appends
/// led to, and what it started so far, which the database cannot show before the pass commits.
/// </summary>
internal sealed class IntakePass(OutboxSession unit)
{
    private readonly Dictionary<Guid, (IEventStream<IncidentState> Stream, IncidentState? State)> alerts = [];
    private readonly Dictionary<string, int> requestedByService = [];
    private readonly HashSet<string> startedPolicies = [];

    /// <summary>The unit of work the pass writes in.</summary>
    public OutboxSession Unit { get; } = unit;

    /// <summary>The saga streams the pass started.</summary>
    public HashSet<Guid> Sagas { get; } = [];

    /// <summary>Returns the alert's state, including what this pass appended to it.</summary>
    public async Task<IncidentState?> StateAsync(Guid alertId, CancellationToken cancellationToken) =>
        (await FetchAsync(alertId, cancellationToken)).State;

    /// <summary>Appends events to the alert's stream and folds them into the state this pass reads next.</summary>
    public async Task AppendAsync(Guid alertId, IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        var (stream, state) = await FetchAsync(alertId, cancellationToken);
        var key = IncidentState.StreamKey(alertId);
        stream.AppendMany(events);
        alerts[alertId] = (stream, events.Aggregate(state, (current, e) => IncidentDecider.Evolve(current, e, key)));
    }

    /// <summary>Whether the saga's stream exists or this pass started it.</summary>
    public async Task<bool> SagaExistsAsync(Guid sagaId, CancellationToken cancellationToken) =>
        Sagas.Contains(sagaId) || await Unit.Documents.Events.FetchStreamStateAsync(ScaleOutState.StreamKey(sagaId), cancellationToken) is not null;

    /// <summary>Plans the scale-out of an incident the alert opens, counting what this pass already requested.</summary>
    public async Task<ScaleOutPlan> PlanAsync(Guid sagaId, string source, Alert alert, AlertTriage.Matched matched, CancellationToken cancellationToken)
    {
        var current = await CountInstancesAsync(matched.Service.Name, cancellationToken) + requestedByService.GetValueOrDefault(matched.Service.Name);
        var lastScaleOutAt = startedPolicies.Contains(matched.Policy.Name)
            ? Unit.Now
            : await LastScaleOutAsync(matched.Policy.Name, cancellationToken);
        return ScaleOutPlanner.Plan(sagaId, source, alert, matched, current, Unit.Now, lastScaleOutAt);
    }

    /// <summary>Records a scale-out this pass started, for the cooldown and the count of later alerts in the pass.</summary>
    public void Record(string policy, string service, int count)
    {
        startedPolicies.Add(policy);
        requestedByService[service] = requestedByService.GetValueOrDefault(service) + count;
    }

    private async Task<(IEventStream<IncidentState> Stream, IncidentState? State)> FetchAsync(Guid alertId, CancellationToken cancellationToken)
    {
        if (!alerts.TryGetValue(alertId, out var entry))
        {
            var stream = await Unit.Documents.Events.FetchForWriting<IncidentState>(IncidentState.StreamKey(alertId), cancellationToken);
            alerts[alertId] = entry = (stream, stream.Aggregate);
        }

        return entry;
    }

    // Instances held on nodes, plus those requested by sagas that have not reserved yet, so two alerts close
    // together do not both see room below the maximum. Team requests through the API count here as well.
    private async Task<int> CountInstancesAsync(string service, CancellationToken cancellationToken)
    {
        var nodes = await Unit.Documents.Query<NodeView>().ToListAsync(cancellationToken);
        var reserved = nodes.Sum(node => node.Reservations.Count(r => r.Service == service));
        var pending = await Unit.Documents.Query<ScaleOutState>()
            .Where(saga => saga.Service == service && saga.Status == ScaleOutStatus.Requested)
            .ToListAsync(cancellationToken);
        return reserved + pending.Sum(saga => saga.RequestedCount);
    }

    private async Task<DateTimeOffset?> LastScaleOutAsync(string policy, CancellationToken cancellationToken)
    {
        var last = await Unit.Documents.Query<ScaleOutState>()
            .Where(saga => saga.Trigger.Policy == policy && saga.Status != ScaleOutStatus.Declined)
            .OrderByDescending(saga => saga.RequestedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return last?.RequestedAt;
    }
}
