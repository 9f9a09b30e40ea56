using JasperFx.Events;
using Marten;
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
public sealed partial class AlertIntake(OutboxSessionFactory sessions, ILogger<AlertIntake> logger)
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
        ThrowIfInvalid(triage);

        var outcomes = new List<AlertOutcome>();
        var startedThisTime = new HashSet<Guid>();
        for (var i = 0; i < notification.Alerts.Count; i++)
        {
            var alert = notification.Alerts[i];
            var outcome = triage[i] switch
            {
                AlertTriage.Matched matched => await StartAsync(unit, notification.Source, alert, matched, startedThisTime, cancellationToken),
                AlertTriage.Ignored ignored => new AlertOutcome(alert.Fingerprint, AlertOutcomes.Ignored, null, ignored.Reason),
                _ => throw new InvalidOperationException("Invalid alerts were rejected above."),
            };
            outcomes.Add(outcome);
        }

        await unit.CommitAsync(cancellationToken);
        return new AlertIntakeResult(outcomes);
    }

    private static void ThrowIfInvalid(List<AlertTriage> triage)
    {
        var invalid = triage.OfType<AlertTriage.Invalid>().ToList();
        if (invalid.Count > 0)
        {
            throw new RequestValidationException(
                invalid.GroupBy(i => i.Field).ToDictionary(g => g.Key, g => g.Select(i => i.Error).ToArray()),
                "The notification names no known service for some alerts; nothing was stored.");
        }
    }

    private async Task<AlertOutcome> StartAsync(
        OutboxSession unit,
        string source,
        Alert alert,
        AlertTriage.Matched matched,
        HashSet<Guid> startedThisTime,
        CancellationToken cancellationToken)
    {
        var sagaId = IncidentKey.SagaId(source, matched.Policy.Name, alert.Fingerprint, alert.StartsAt);
        var key = ScaleOutState.StreamKey(sagaId);
        if (startedThisTime.Contains(sagaId) || await unit.Documents.Events.FetchStreamStateAsync(key, cancellationToken) is not null)
        {
            LogDuplicate(logger, alert.Fingerprint, sagaId);
            return new AlertOutcome(alert.Fingerprint, AlertOutcomes.Duplicate, sagaId, "This incident already has a scale-out saga; nothing new started.");
        }

        startedThisTime.Add(sagaId);
        var current = await CountInstancesAsync(unit.Documents, matched.Service.Name, cancellationToken);
        var request = ScaleOutPlanner.Plan(sagaId, source, alert, matched, current, unit.Now);
        unit.Documents.Events.StartStream<ScaleOutState>(key, [.. request.Events]);
        if (request.Declined)
        {
            LogDeclined(logger, sagaId, matched.Service.Name, request.Detail);
            return new AlertOutcome(alert.Fingerprint, AlertOutcomes.Declined, sagaId, request.Detail);
        }

        foreach (var message in ScaleOutReactions.For(null, request.Events[0], ScaleOutDecider.Evolve(null, request.Events[0])!))
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

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Scale-out saga {SagaId} started for {Service}: {Count} instances by policy {Policy}")]
    private static partial void LogStarted(ILogger logger, Guid sagaId, string service, int count, string policy);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Alert {Fingerprint} is a duplicate of scale-out saga {SagaId}")]
    private static partial void LogDuplicate(ILogger logger, string fingerprint, Guid sagaId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Scale-out saga {SagaId} for {Service} declined: {Reason}")]
    private static partial void LogDeclined(ILogger logger, Guid sagaId, string service, string reason);
}
