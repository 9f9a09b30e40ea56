using Marten;
using Microsoft.Extensions.Options;
using Surge.Contracts.Inventory;
using Surge.Provisioner.Instances;
using Surge.Provisioner.Providers;
using Surge.Provisioner.Querying;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.Provisioner.Inventory;

/// <summary>
/// Publishes an <see cref="InstanceInventoryReported"/> at start and then every <c>Provisioner:InventoryReports:Interval</c>,
/// so Ipam can reconcile its allocations with the instances that hold addresses. A report that fails is logged and the
/// next one follows at the next interval.
/// </summary>
/// <remarks>
/// The report is read from the instance views in one query, which the transaction that records a
/// <c>StartInstances</c> updates, so an instance counts as starting from the moment its request is committed. A
/// <c>StartInstances</c> still waiting in the queue is not in the report yet, so a report speaks only for instances
/// whose request was handled before its <c>At</c>.
/// </remarks>
public sealed partial class InventoryReporter(
    OutboxSessionFactory sessions,
    INodeReachability reachability,
    IOptions<InventoryReportOptions> options,
    TimeProvider time,
    ILogger<InventoryReporter> logger) : BackgroundService
{
    private readonly PassFailures failures = new(logger, "The instance inventory report", time);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.Interval;
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            do
            {
                await TryReportAsync(interval, stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The service shuts down; the next start reports again.
        }
    }

    /// <summary>Reads the instances, builds the report and commits it to the outbox, which publishes it after the commit.</summary>
    public async Task<InstanceInventoryReported> ReportAsync(CancellationToken cancellationToken)
    {
        await using var unit = sessions.Open(Guid.NewGuid().ToString("N"), "inventory-report", nameof(InstanceInventoryReported));

        // The unit's time is taken before the outages and the instances are read, so the report never speaks for a
        // moment later than what it saw.
        var unreachable = reachability.UnreachableNodes();
        var instances = await unit.Documents.Query<InstanceView>()
            .Where(view => view.Status == InstanceStatus.Requested || view.Status == InstanceStatus.Started)
            .ToListAsync(cancellationToken);

        var report = InventoryReport.Build(instances, unreachable, unit.Now);
        unit.Publish(report);
        await unit.CommitAsync(cancellationToken);
        return report;
    }

    private async Task TryReportAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        try
        {
            var report = await ReportAsync(cancellationToken);
            LogReported(logger, report.Instances.Count, report.UnreachableNodes.Count, report.At);
            failures.Succeeded();
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            failures.Failed(exception, failure => LogReportFailed(logger, failure, interval));
        }
    }

    [LoggerMessage(EventId = LogEventIds.InventoryReporter + 1, Level = LogLevel.Debug, Message = "Reported {InstanceCount} starting or running instances and {UnreachableCount} unreachable nodes as of {At}")]
    private static partial void LogReported(ILogger logger, int instanceCount, int unreachableCount, DateTimeOffset at);

    [LoggerMessage(EventId = LogEventIds.InventoryReporter + 2, Level = LogLevel.Warning, Message = "Reporting the instance inventory failed; the next report follows in {Interval}")]
    private static partial void LogReportFailed(ILogger logger, Exception exception, TimeSpan interval);
}
