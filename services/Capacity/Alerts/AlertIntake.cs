using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Surge.Capacity.AlertPolicies;
using Surge.Capacity.Nodes;
using Surge.Capacity.ScaleOut;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Alerts;
using Surge.Contracts.Instances;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Alerts;

/// <summary>
/// Turns a notification into scale-out sagas in one transaction: every alert is checked first, so an invalid one
/// stores nothing; then each matched incident starts its saga, or records why it was declined.
/// </summary>
public sealed partial class AlertIntake(OutboxSessionFactory sessions, IOptions<SagaOptions> sagaOptions, ILogger<AlertIntake> logger)
{
    /// <summary>Handles a notification and returns the outcome of each alert.</summary>
    public async Task<AlertIntakeResult> HandleAsync(AlertNotification notification, string correlationId, CancellationToken cancellationToken)
    {
        AlertNotificationValidator.Validate(notification);

        // Two deliveries of the same incident racing each other both try to start the same stream; the loser's
        // commit fails on the stream's uniqueness and its second pass finds the saga and reports a duplicate.
        try
        {
            return await TryHandleAsync(notification, correlationId, cancellationToken);
        }
        catch (Exception exception) when (exception is Marten.Exceptions.ExistingStreamIdCollisionException or ExistingStreamIdCollisionException)
        {
            return await TryHandleAsync(notification, correlationId, cancellationToken);
        }
    }

    private async Task<AlertIntakeResult> TryHandleAsync(AlertNotification notification, string correlationId, CancellationToken cancellationToken)
    {
        await using var unit = sessions.Open(correlationId);
        var policies = await unit.Documents.Query<AlertPolicyView>().ToListAsync(cancellationToken);
        var services = (await unit.Documents.Query<ServiceView>().ToListAsync(cancellationToken)).ToDictionary(s => s.Name);
        var triage = notification.Alerts.Select((alert, index) => AlertTriage.Of(alert, index, policies, services)).ToList();
        ThrowIfAllInvalid(triage);

        var outcomes = new List<AlertOutcome>();
        var pass = new IntakePass();
        for (var i = 0; i < notification.Alerts.Count; i++)
        {
            var alert = notification.Alerts[i];
            var outcome = triage[i] switch
            {
                AlertTriage.Matched matched => await StartAsync(unit, notification.Source, alert, matched, pass, cancellationToken),
                AlertTriage.Ignored ignored => new AlertOutcome(alert.Fingerprint, AlertOutcomes.Ignored, null, ignored.Reason),
                AlertTriage.Invalid invalid => new AlertOutcome(alert.Fingerprint, AlertOutcomes.Rejected, null, invalid.Error),
                _ => throw new InvalidOperationException($"Unknown triage {triage[i]}."),
            };
            outcomes.Add(outcome);
        }

        await unit.CommitAsync(cancellationToken);
        return new AlertIntakeResult(outcomes);
    }

    // A notification whose every alert is invalid gets a 400. When some alerts are valid, the invalid ones are reported
    // as rejected in a 2xx instead, because Alertmanager treats a 4xx as permanent and would drop the valid ones too.
    private static void ThrowIfAllInvalid(List<AlertTriage> triage)
    {
        var invalid = triage.OfType<AlertTriage.Invalid>().ToList();
        if (invalid.Count == triage.Count)
        {
            throw new RequestValidationException(
                invalid.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => i.Error).ToArray()),
                "No alert of the notification names a known service; nothing was stored.");
        }
    }

    private async Task<AlertOutcome> StartAsync(
        OutboxSession unit,
        string source,
        Alert alert,
        AlertTriage.Matched matched,
        IntakePass pass,
        CancellationToken cancellationToken)
    {
        var sagaId = IncidentKey.SagaId(source, matched.Policy.Name, alert.Fingerprint, alert.StartsAt);
        var key = ScaleOutState.StreamKey(sagaId);
        if (pass.Sagas.Contains(sagaId) || await unit.Documents.Events.FetchStreamStateAsync(key, cancellationToken) is not null)
        {
            LogDuplicate(logger, alert.Fingerprint, sagaId);
            return new AlertOutcome(alert.Fingerprint, AlertOutcomes.Duplicate, sagaId, "This incident already has a scale-out saga; nothing new started.");
        }

        pass.Sagas.Add(sagaId);
        var current = await CountInstancesAsync(unit.Documents, matched.Service.Name, cancellationToken) + pass.Requested(matched.Service.Name);
        var lastScaleOutAt = pass.StartedPolicies.Contains(matched.Policy.Name)
            ? unit.Now
            : await LastScaleOutAsync(unit.Documents, matched.Policy.Name, cancellationToken);
        var request = ScaleOutPlanner.Plan(sagaId, source, alert, matched, current, unit.Now, lastScaleOutAt);
        var events = request.Events
            .Select(e => e is ScaleOutRequested requested ? requested with { Deadline = unit.Now + sagaOptions.Value.PlacementTimeout } : e)
            .ToList();
        unit.Documents.Events.StartStream<ScaleOutState>(key, [.. events]);
        if (!request.Declined)
        {
            pass.Record(matched.Policy.Name, matched.Service.Name, request.Count);
        }

        if (request.Declined)
        {
            LogDeclined(logger, sagaId, matched.Service.Name, request.Detail);
            return new AlertOutcome(alert.Fingerprint, AlertOutcomes.Declined, sagaId, request.Detail);
        }

        foreach (var message in ScaleOutReactions.For(events[0], ScaleOutDecider.Evolve(null, events[0])!))
        {
            unit.Publish(message);
        }

        LogStarted(logger, sagaId, matched.Service.Name, request.Count, matched.Policy.Name);
        return new AlertOutcome(alert.Fingerprint, AlertOutcomes.Started, sagaId, request.Detail);
    }

    // Instances held on nodes, plus those requested by sagas that have not reserved yet, so two alerts close
    // together do not both see room below the maximum.
    private static async Task<int> CountInstancesAsync(IQuerySession session, string service, CancellationToken cancellationToken)
    {
        var nodes = await session.Query<NodeView>().ToListAsync(cancellationToken);
        var reserved = nodes.Sum(node => node.Reservations.Count(r => r.Service == service));
        var pending = await session.Query<ScaleOutState>()
            .Where(saga => saga.Service == service && saga.Status == ScaleOutStatus.Requested)
            .ToListAsync(cancellationToken);
        return reserved + pending.Sum(saga => saga.RequestedCount);
    }

    private static async Task<DateTimeOffset?> LastScaleOutAsync(IQuerySession session, string policy, CancellationToken cancellationToken)
    {
        var last = await session.Query<ScaleOutState>()
            .Where(saga => saga.Trigger.Policy == policy && saga.Status != ScaleOutStatus.Declined)
            .OrderByDescending(saga => saga.RequestedAt)
            .FirstOrDefaultAsync(cancellationToken);
        return last?.RequestedAt;
    }

    /// <summary>What one intake pass has started so far, which the database cannot show before the pass commits.</summary>
    private sealed class IntakePass
    {
        private readonly Dictionary<string, int> requestedByService = [];

        public HashSet<Guid> Sagas { get; } = [];

        public HashSet<string> StartedPolicies { get; } = [];

        public int Requested(string service) => requestedByService.GetValueOrDefault(service);

        public void Record(string policy, string service, int count)
        {
            StartedPolicies.Add(policy);
            requestedByService[service] = Requested(service) + count;
        }
    }

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Scale-out saga {SagaId} started for {Service}: {Count} instances by policy {Policy}")]
    private static partial void LogStarted(ILogger logger, Guid sagaId, string service, int count, string policy);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Alert {Fingerprint} is a duplicate of scale-out saga {SagaId}")]
    private static partial void LogDuplicate(ILogger logger, string fingerprint, Guid sagaId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Scale-out saga {SagaId} for {Service} declined: {Reason}")]
    private static partial void LogDeclined(ILogger logger, Guid sagaId, string service, string reason);
}
