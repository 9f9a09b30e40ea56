using JasperFx.Events;
using Marten;
using Microsoft.Extensions.Options;
using Surge.Capacity.AlertPolicies;
using Surge.Capacity.Nodes;
using Surge.Capacity.ScaleIn;
using Surge.Capacity.ScaleOut;
using Surge.Capacity.ServiceCatalog;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.Capacity.Incidents;

/// <summary>
/// Ends stabilisation windows and runs scale-in steps. The due time is data in the incident's state rather than a
/// timer in memory, so a window that ended while Capacity was down is acted on at the first scan after it starts again.
/// </summary>
/// <remarks>
/// Another process may act on the same incident, or a notification may change it, at the same moment. Its commit
/// wins, this one fails on the stream version, and the next scan reads the new state.
/// </remarks>
public sealed partial class IncidentTimer(
    IDocumentStore store,
    OutboxSessionFactory sessions,
    PartitionLocks locks,
    IOptions<SagaOptions> sagaOptions,
    IOptions<ScaleInOptions> scaleInOptions,
    TimeProvider time,
    ILogger<IncidentTimer> logger) : BackgroundService
{
    private const int BatchSize = 100;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(sagaOptions.Value.DeadlineScanInterval, time);
        var failures = new PassFailures(logger, "The incident timer", time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ScanAsync(stoppingToken);
                failures.Succeeded();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Failed(exception, failure => LogScanFailed(logger, failure));
            }
        }
    }

    private async Task ScanAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<IncidentState> due;
        var now = time.GetUtcNow();
        await using (var query = store.QuerySession())
        {
            due = await query.Query<IncidentState>()
                .Where(incident => incident.DueAt != null && incident.DueAt <= now)
                .OrderBy(incident => incident.DueAt)
                .Take(BatchSize)
                .ToListAsync(cancellationToken);
        }

        foreach (var incident in due)
        {
            await FireAsync(incident, cancellationToken);
        }
    }

    private async Task FireAsync(IncidentState due, CancellationToken cancellationToken)
    {
        try
        {
            // The alert's lock is the intake's; the service's scale-in lock is the API's, so victims are chosen one request at a time.
            using var turn = await locks.AcquireManyAsync([due.AlertId.ToString(), $"scale-in/{due.Service}"], cancellationToken);
            await using var unit = sessions.Open(due.CorrelationId ?? due.AlertId.ToString("N"), $"incident-due:{due.Id}:{due.DueAt:O}", "IncidentDue");
            var stream = await unit.Documents.Events.FetchForWriting<IncidentState>(due.Id, cancellationToken);
            if (stream.Aggregate is not { DueAt: { } dueAt } incident || dueAt > unit.Now)
            {
                return;
            }

            var e = await DecideAsync(unit, incident, cancellationToken);
            stream.AppendOne(e);
            await unit.CommitAsync(cancellationToken);
            Log(incident, e);
        }
        catch (Exception exception) when (exception is JasperFx.ConcurrencyException or EventStreamUnexpectedMaxEventIdException)
        {
            LogRaced(logger, due.IncidentId ?? Guid.Empty);
        }
    }

    private async Task<object> DecideAsync(OutboxSession unit, IncidentState incident, CancellationToken cancellationToken)
    {
        var incidentId = incident.IncidentId!.Value;
        var session = unit.Documents;
        var service = await session.LoadAsync<ServiceView>(ServiceView.StreamKey(incident.Service), cancellationToken);
        if (service is null)
        {
            return new IncidentClosed(incidentId, $"Service {incident.Service} is no longer declared; nothing to scale in.", unit.Now);
        }

        var policy = incident.Policy is null ? null : await session.LoadAsync<AlertPolicyView>(AlertPolicyView.StreamKey(incident.Policy), cancellationToken);
        var scaleOut = await session.LoadAsync<ScaleOutState>(ScaleOutState.StreamKey(incidentId), cancellationToken);
        var nodes = await session.Query<NodeView>().ToListAsync(cancellationToken);
        var endpoints = await ScaleInEndpoints.EndpointsAsync(session, service.Name, cancellationToken);

        // The stabilisation window already keeps the instances through the alarm, so the pool protection that guards
        // manual scale-ins after an alarm does not apply to the incident's own instances.
        var candidates = VictimChooser.Candidates(service.Name, service.Spec.Pool, nodes, endpoints);
        var minimum = Math.Max(policy?.Spec.MinInstances ?? 0, service.Spec.MinInstances);
        return ScaleInStepPlanner.Plan(incident, policy?.Spec, scaleOut, candidates.Count, minimum, unit.Now) switch
        {
            ScaleInStep.Remove remove => await StartScaleInAsync(unit, incident, service, [.. candidates.Take(remove.Count)], remove, cancellationToken),
            ScaleInStep.Wait wait => new ScaleInStepPostponed(incidentId, wait.Reason, wait.NextStepAt, unit.Now),
            ScaleInStep.Finish finish => new IncidentClosed(incidentId, finish.Reason, unit.Now),
            var other => throw new InvalidOperationException($"Unknown scale-in step {other}."),
        };
    }

    private async Task<ScaleInStepStarted> StartScaleInAsync(
        OutboxSession unit,
        IncidentState incident,
        ServiceView service,
        IReadOnlyList<ScaleInVictim> victims,
        ScaleInStep.Remove step,
        CancellationToken cancellationToken)
    {
        var drainTimeout = scaleInOptions.Value.DefaultDrainTimeout;
        var sagaId = Guid.CreateVersion7(unit.Now);
        var requested = new ScaleInRequested(sagaId, service.Name, service.Spec.Pool, victims.Count, victims, drainTimeout,
            $"alert-policy/{incident.Policy}", unit.Now, unit.Now + drainTimeout + sagaOptions.Value.BackendTimeout);
        await ScaleInRecorder.StartAsync(unit, requested, cancellationToken);
        return new ScaleInStepStarted(incident.IncidentId!.Value, sagaId, victims.Count, step.InstancesBefore, step.NextStepAt, unit.Now);
    }

    private void Log(IncidentState incident, object e)
    {
        switch (e)
        {
            case ScaleInStepStarted started:
                LogStepStarted(logger, incident.IncidentId!.Value, started.ScaleInSagaId, incident.Service, started.Count);
                break;
            case ScaleInStepPostponed postponed:
                LogStepPostponed(logger, incident.IncidentId!.Value, postponed.Reason);
                break;
            case IncidentClosed closed:
                LogClosed(logger, incident.IncidentId!.Value, closed.Reason);
                break;
        }
    }

    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Incident {IncidentId} started scale-in saga {SagaId} for {Service}: {Count} instances")]
    private static partial void LogStepStarted(ILogger logger, Guid incidentId, Guid sagaId, string service, int count);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Information, Message = "Incident {IncidentId} postponed a scale-in step: {Reason}")]
    private static partial void LogStepPostponed(ILogger logger, Guid incidentId, string reason);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Information, Message = "Incident {IncidentId} closed: {Reason}")]
    private static partial void LogClosed(ILogger logger, Guid incidentId, string reason);

    [LoggerMessage(EventId = 2604, Level = LogLevel.Debug, Message = "Incident {IncidentId} changed while its timer fired; the next scan looks again")]
    private static partial void LogRaced(ILogger logger, Guid incidentId);

    [LoggerMessage(EventId = 2605, Level = LogLevel.Warning, Message = "Incident timer scan failed; it runs again at the next interval")]
    private static partial void LogScanFailed(ILogger logger, Exception exception);
}
