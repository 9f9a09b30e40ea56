using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Marten;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.Ipam.Subnets;

/// <summary>
/// Tells Capacity how many addresses each subnet has taken: at start every subnet, then every subnet whose stream moved
/// since the last report, at most once per interval.
/// </summary>
/// <remarks>
/// A report per allocation would cost Capacity one transaction per address during a burst of scale-outs, while its
/// placement counts the addresses its own reservations hold anyway; the taken count only guards against addresses
/// held outside Capacity, for which a short delay is harmless. A changed definition is still reported at once, by
/// the subnet endpoint, because placement cannot use a subnet it has not heard of.
/// </remarks>
public sealed partial class SubnetReportPublisher(
    IDocumentStore store,
    Blocks.AddressLedger ledger,
    OutboxSessionFactory sessions,
    IOptions<SubnetReportOptions> options,
    TimeProvider time,
    ILogger<SubnetReportPublisher> logger) : BackgroundService
{
    private readonly Dictionary<string, long> reported = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> nextQuarantineEnd = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = new PassFailures(logger, "The subnet report to Capacity", time);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ReportChangedAsync(stoppingToken);
                failures.Succeeded();
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                failures.Failed(exception, failure => LogReportFailed(logger, failure));
            }

            await Task.Delay(options.Value.Interval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    // Only the stream versions are read each interval; a subnet and its blocks are loaded only when their versions
    // moved. A subnet's report version is the sum of the versions of its stream and its address ledger, which grows
    // with every event of either, so Capacity can drop a report older than one it holds.
    // A quarantine that ends changes no stream version, so a subnet is also reported again once the earliest
    // quarantine it had at its last report has ended; Capacity takes a report of the same version that is newer.
    private async Task ReportChangedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var moved = (await ReportVersionsAsync(store, cancellationToken))
            .Where(subnet => !reported.TryGetValue(subnet.Key, out var version) || version != subnet.Value
                || (nextQuarantineEnd.TryGetValue(subnet.Key, out var end) && end <= now))
            .ToDictionary(subnet => subnet.Key, subnet => subnet.Value, StringComparer.Ordinal);
        if (moved.Count == 0)
        {
            return;
        }

        await using var unit = sessions.Open(Guid.NewGuid().ToString("N"), "subnet-report", nameof(SubnetReportPublisher));
        var subnets = await unit.Documents.LoadManyAsync<Subnet>(cancellationToken, moved.Keys.Select(Subnet.StreamKey));
        var blocks = await SubnetReads.BlocksOfAsync(unit.Documents, ledger, subnets, cancellationToken);
        foreach (var subnet in subnets)
        {
            foreach (var report in SubnetAddressReports.Of(subnet, blocks[subnet.Name], moved[subnet.Name], unit.Now))
            {
                unit.Publish(report);
            }
        }

        if (subnets.Count == 0)
        {
            return;
        }

        await unit.CommitAsync(cancellationToken);
        foreach (var subnet in subnets)
        {
            reported[subnet.Name] = moved[subnet.Name];
            var ends = blocks[subnet.Name].SelectMany(block => block.Quarantined).Where(entry => entry.HoldsAt(unit.Now)).Select(entry => entry.Until).ToList();
            if (ends.Count > 0)
            {
                nextQuarantineEnd[subnet.Name] = ends.Min();
            }
            else
            {
                nextQuarantineEnd.Remove(subnet.Name);
            }
        }

        LogReported(logger, subnets.Count);
    }

    /// <summary>Reads each subnet's report version: the sum of the versions of its stream and its address ledger.</summary>
    public static Task<Dictionary<string, long>> ReportVersionsAsync(IDocumentStore store, CancellationToken cancellationToken) =>
        StreamVersions.ReadAsync(
            store,
            $"""
            select split_part(id, '/', 2), sum(version)::bigint
            from {store.Options.Events.DatabaseSchemaName}.mt_streams
            where id like 'subnet/%' or {Blocks.AddressLedger.StreamFilter}
            group by 1
            """,
            cancellationToken);

    [LoggerMessage(EventId = 3301, Level = LogLevel.Debug, Message = "Reported {Count} changed subnets to Capacity")]
    private static partial void LogReported(ILogger logger, int count);

    [LoggerMessage(EventId = 3302, Level = LogLevel.Warning, Message = "Reporting subnets to Capacity failed; it is tried again at the next interval")]
    private static partial void LogReportFailed(ILogger logger, Exception exception);
}

/// <summary>How often changed subnets are reported to Capacity, bound from the <c>Ipam:AddressReports</c> section.</summary>
public sealed class SubnetReportOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string Section = "Ipam:AddressReports";

    /// <summary>The time between two looks for changed subnets. Default 1 second.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00", ErrorMessage = "Ipam:AddressReports:Interval must be between 50 ms and 10 minutes.")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(1);
}
