namespace Surge.Gateway.Invariants;

/// <summary>Runs one invariant check: reads the services, cross-checks them and logs what it found.</summary>
public sealed partial class InvariantCheck(FleetSnapshotReader reader, TimeProvider time, ILogger<InvariantCheck> logger)
{
    /// <summary>Returns the report; throws a 503 problem naming the first service that does not respond.</summary>
    public async Task<InvariantReport> RunAsync(string correlationId, CancellationToken cancellationToken)
    {
        var checkedAt = time.GetUtcNow();
        var fleet = await reader.ReadAsync(correlationId, cancellationToken);
        var report = InvariantChecker.Check(fleet, checkedAt);

        if (!report.Clean)
        {
            LogViolations(logger, report.Findings.Count, string.Join(", ", report.Findings.Select(finding => finding.Kind).Distinct()));
        }

        return report;
    }

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "The invariant check found {FindingCount} violations of kinds {Kinds}")]
    private static partial void LogViolations(ILogger logger, int findingCount, string kinds);
}
