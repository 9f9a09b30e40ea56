using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Surge.Capacity.AlertPolicies;
using Surge.Capacity.Incidents;
using Surge.Capacity.ScaleOut;
using Surge.Capacity.ServiceCatalog;
using Surge.Contracts.Alerts;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Alerts;

/// <summary>
/// Turns a notification into incident decisions and scale-out sagas in one transaction. Every alert is checked first,
/// so an invalid one stores nothing. Then each alert's decision is appended to its stream, and a firing that opens an
/// incident starts its saga or records why it was declined.
/// </summary>
public sealed partial class AlertIntake(IDocumentStore store, OutboxSessionFactory sessions, PartitionLocks locks, IOptions<SagaOptions> sagaOptions, ILogger<AlertIntake> logger)
{
    private const int MaxAttempts = 5;

    /// <summary>Handles a notification and returns the outcome of each alert.</summary>
    public async Task<AlertIntakeResult> HandleAsync(AlertNotification notification, string correlationId, CancellationToken cancellationToken)
    {
        AlertNotificationValidator.Validate(notification);

        // Two deliveries of the same alert racing each other, in this process or another, both write its stream and
        // may both start the same saga stream. The loser's commit fails on the stream version or the saga stream's
        // uniqueness, and its next pass reads the winner's decision and reports a duplicate.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryHandleAsync(notification, correlationId, cancellationToken);
            }
            catch (Exception exception) when (attempt < MaxAttempts && IsRace(exception))
            {
                LogRaced(logger, attempt);
            }
        }
    }

    private static bool IsRace(Exception exception) => exception is Marten.Exceptions.ExistingStreamIdCollisionException
        or ExistingStreamIdCollisionException or JasperFx.ConcurrencyException or EventStreamUnexpectedMaxEventIdException;

    private async Task<AlertIntakeResult> TryHandleAsync(AlertNotification notification, string correlationId, CancellationToken cancellationToken)
    {
        IReadOnlyList<AlertPolicyView> policies;
        Dictionary<string, ServiceView> services;
        await using (var query = store.QuerySession())
        {
            policies = await query.Query<AlertPolicyView>().ToListAsync(cancellationToken);
            services = (await query.Query<ServiceView>().ToListAsync(cancellationToken)).ToDictionary(s => s.Name);
        }

        var triage = notification.Alerts.Select((alert, index) => AlertTriage.Of(alert, index, policies, services)).ToList();
        ThrowIfAllInvalid(triage);

        // Within this process, deliveries of the same alert take turns, so the optimistic check above rarely fires.
        var alertIds = notification.Alerts.Select((alert, i) => AlertIdOf(notification.Source, alert, triage[i])).OfType<Guid>().ToList();
        using var turn = await locks.AcquireManyAsync(alertIds.Select(id => id.ToString()), cancellationToken);
        await using var unit = sessions.Open(correlationId);
        var pass = new IntakePass(unit);
        var outcomes = new List<AlertOutcome>();
        for (var i = 0; i < notification.Alerts.Count; i++)
        {
            var alert = notification.Alerts[i];
            var outcome = triage[i] switch
            {
                AlertTriage.Matched matched => await DecideAsync(pass, notification.Source, alert, matched, cancellationToken),
                AlertTriage.Ignored ignored => await RecordIgnoredAsync(pass, notification.Source, alert, ignored, cancellationToken),
                AlertTriage.Invalid invalid => new AlertOutcome(alert.Fingerprint, AlertOutcomes.Rejected, null, invalid.Error),
                _ => throw new InvalidOperationException($"Unknown triage {triage[i]}."),
            };
            outcomes.Add(outcome);
        }

        await unit.CommitAsync(cancellationToken);
        return new AlertIntakeResult(outcomes);
    }

    private static Guid? AlertIdOf(string source, Alert alert, AlertTriage triage) => triage switch
    {
        AlertTriage.Matched matched => IncidentKey.AlertId(source, matched.Policy.Name, alert.Fingerprint),
        AlertTriage.Ignored { Service: not null } => IncidentKey.AlertId(source, "", alert.Fingerprint),
        _ => null,
    };

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

    private static async Task<AlertOutcome> RecordIgnoredAsync(IntakePass pass, string source, Alert alert, AlertTriage.Ignored ignored, CancellationToken cancellationToken)
    {
        // An alert of an undeclared service gets no stream: nothing lists incidents of a service that does not exist.
        if (ignored.Service is null)
        {
            return new AlertOutcome(alert.Fingerprint, AlertOutcomes.Ignored, null, ignored.Reason);
        }

        var alertId = IncidentKey.AlertId(source, "", alert.Fingerprint);
        await pass.AppendAsync(alertId, [new AlertIgnored(source, null, ignored.Service, alert.Fingerprint, alert.StartsAt, alert.Status, ignored.Reason, pass.Unit.Now)], cancellationToken);
        return new AlertOutcome(alert.Fingerprint, AlertOutcomes.Ignored, null, ignored.Reason);
    }

    private async Task<AlertOutcome> DecideAsync(IntakePass pass, string source, Alert alert, AlertTriage.Matched matched, CancellationToken cancellationToken)
    {
        var policy = matched.Policy;
        var alertId = IncidentKey.AlertId(source, policy.Name, alert.Fingerprint);
        var state = await pass.StateAsync(alertId, cancellationToken);
        var received = new AlertReceived(source, policy.Name, matched.Service.Name, alert, policy.Spec.ScaleInOrDefault.Window, pass.Unit.Now);

        ScaleOutPlan? plan = null;
        if (IncidentDecider.OpensIncident(state, received))
        {
            var sagaId = IncidentKey.SagaId(source, policy.Name, alert.Fingerprint, alert.StartsAt);
            if (await pass.SagaExistsAsync(sagaId, cancellationToken))
            {
                return await LateCopyAsync(pass, alertId, state, alert, sagaId, cancellationToken);
            }

            plan = await pass.PlanAsync(sagaId, source, alert, matched, cancellationToken);
        }

        var events = IncidentDecider.Decide(state, received, plan);
        await pass.AppendAsync(alertId, events, cancellationToken);
        if (plan is not null && events.OfType<AlertMatched>().Any())
        {
            StartSaga(pass, plan, matched);
        }

        var outcome = OutcomeOf(alert, events, plan);
        if (outcome.Outcome == AlertOutcomes.Duplicate)
        {
            LogDuplicate(logger, alert.Fingerprint, outcome.SagaId!.Value);
            return outcome with { Detail = await DuplicateDetailAsync(pass, outcome.SagaId.Value, cancellationToken) };
        }

        return outcome;
    }

    // A copy of a firing whose saga exists although the alert has no open incident: an incident that already closed,
    // or one started before incidents were recorded. Either way the saga stays the only one.
    private async Task<AlertOutcome> LateCopyAsync(IntakePass pass, Guid alertId, IncidentState? state, Alert alert, Guid sagaId, CancellationToken cancellationToken)
    {
        if (state is not null)
        {
            await pass.AppendAsync(alertId, [new DuplicateAlertReceived(sagaId, alert.Status, alert.StartsAt, pass.Unit.Now)], cancellationToken);
        }

        LogDuplicate(logger, alert.Fingerprint, sagaId);
        return new AlertOutcome(alert.Fingerprint, AlertOutcomes.Duplicate, sagaId, await DuplicateDetailAsync(pass, sagaId, cancellationToken));
    }

    // A repeat of a firing always maps to the saga of that firing, also after the saga gave up. The detail states
    // so, because the sender would otherwise read the duplicate as a scale-out still under way.
    private static async Task<string> DuplicateDetailAsync(IntakePass pass, Guid sagaId, CancellationToken cancellationToken)
    {
        var saga = pass.Sagas.Contains(sagaId)
            ? null
            : await pass.Unit.Documents.LoadAsync<ScaleOutState>(ScaleOutState.StreamKey(sagaId), cancellationToken);
        return saga switch
        {
            null => DuplicateDetail,
            { Status: ScaleOutStatus.Failed or ScaleOutStatus.Cancelled or ScaleOutStatus.Declined } =>
                $"This incident already has a scale-out saga, which ended {saga.Status}; nothing new started. Repeats of this firing do not start another one; to scale out now, request it with POST /api/sagas/scale-out.",
            _ => $"This incident already has a scale-out saga, now {saga.Status}; nothing new started.",
        };
    }

    private const string DuplicateDetail = "This incident already has a scale-out saga; nothing new started.";

    private void StartSaga(IntakePass pass, ScaleOutPlan plan, AlertTriage.Matched matched)
    {
        var unit = pass.Unit;
        var events = plan.Events
            .Select(e => e is ScaleOutRequested requested ? requested with { Deadline = unit.Now + sagaOptions.Value.PlacementTimeout } : e)
            .ToList();
        var sagaId = plan.Requested.SagaId;
        pass.Sagas.Add(sagaId);
        if (plan.Declined)
        {
            // A declined saga is recorded for the audit trail and sends nothing.
            unit.Documents.Events.StartStream<ScaleOutState>(ScaleOutState.StreamKey(sagaId), [.. events]);
            LogDeclined(logger, sagaId, matched.Service.Name, plan.Detail);
            return;
        }

        // The recorder sends the degradation switch first when the policy requests it, then the placement.
        pass.Record(matched.Policy.Name, matched.Service.Name, plan.Count);
        ScaleOutRecorder.Start(unit, ScaleOutDecider.Begin((ScaleOutRequested)events[0]));

        LogStarted(logger, sagaId, matched.Service.Name, plan.Count, matched.Policy.Name);
    }

    private static AlertOutcome OutcomeOf(Alert alert, IReadOnlyList<object> events, ScaleOutPlan? plan) => events[^1] switch
    {
        IncidentScaleOutStarted started => new AlertOutcome(alert.Fingerprint, AlertOutcomes.Started, started.IncidentId, plan!.Detail),
        ScaleOutInCooldown or ScaleOutCappedAtMaximum => new AlertOutcome(alert.Fingerprint, AlertOutcomes.Declined, plan!.Requested.SagaId, plan.Detail),
        DuplicateAlertReceived duplicate => new AlertOutcome(alert.Fingerprint, AlertOutcomes.Duplicate, duplicate.IncidentId, DuplicateDetail),
        FlapRecorded flap => new AlertOutcome(alert.Fingerprint, AlertOutcomes.Flap, flap.IncidentId,
            "The alert fired again within the stabilisation window after it resolved: a flap. No scale-in, no second scale-out."),
        AlertResolved resolved => new AlertOutcome(alert.Fingerprint, AlertOutcomes.Resolved, resolved.IncidentId,
            $"Resolved; scale-in starts after {resolved.StabilisedAt:u} unless the alert fires again."),
        IncidentClosed closed => new AlertOutcome(alert.Fingerprint, AlertOutcomes.Resolved, closed.IncidentId, closed.Reason),
        AlertIgnored ignored => new AlertOutcome(alert.Fingerprint, AlertOutcomes.Ignored, null, ignored.Reason),
        var other => throw new InvalidOperationException($"No outcome for {other.GetType().Name}."),
    };

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "Scale-out saga {SagaId} started for {Service}: {Count} instances by policy {Policy}")]
    private static partial void LogStarted(ILogger logger, Guid sagaId, string service, int count, string policy);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Alert {Fingerprint} is a duplicate of scale-out saga {SagaId}")]
    private static partial void LogDuplicate(ILogger logger, string fingerprint, Guid sagaId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Scale-out saga {SagaId} for {Service} declined: {Reason}")]
    private static partial void LogDeclined(ILogger logger, Guid sagaId, string service, string reason);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Debug, Message = "Another delivery of the same alert committed first (attempt {Attempt}); deciding again")]
    private static partial void LogRaced(ILogger logger, int attempt);
}
