using Microsoft.Extensions.Logging;

namespace Surge.ServiceDefaults.Storage;

/// <summary>
/// The failures of a background worker that runs one pass per interval and tries again at the next. While PostgreSQL
/// is unavailable every pass fails the same way, so the worker logs one line when the outage starts and one when it
/// ends, instead of a stack trace per interval. Other failures are logged by the worker as before.
/// </summary>
public sealed partial class PassFailures(ILogger logger, string work, TimeProvider time)
{
    private DateTimeOffset? outageSince;

    /// <summary>Records a pass that succeeded, logging the end of an outage that failed the passes before it.</summary>
    public void Succeeded()
    {
        if (outageSince is { } since)
        {
            LogResumed(logger, work, Math.Round((time.GetUtcNow() - since).TotalSeconds, 1));
            outageSince = null;
        }
    }

    /// <summary>
    /// Records a failed pass: a database outage is logged once when it starts, and any other failure goes to
    /// <paramref name="logFailure"/>.
    /// </summary>
    public void Failed(Exception exception, Action<Exception> logFailure)
    {
        if (!DatabaseFailures.IsUnavailable(exception))
        {
            logFailure(exception);
            return;
        }

        if (outageSince is null)
        {
            outageSince = time.GetUtcNow();
            LogWaiting(logger, work, Reason(exception));
        }
    }

    // Marten wraps Npgsql's error in a message of several lines, so the connection error itself is reported.
    private static string Reason(Exception exception)
    {
        var database = exception;
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is Npgsql.NpgsqlException)
            {
                database = current;
            }
        }

        var text = database.InnerException is { } cause ? $"{database.Message} ({cause.Message})" : database.Message;
        return string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    [LoggerMessage(EventId = 4, Level = LogLevel.Warning, Message = "{Work} waits for the database, which is unavailable: {Reason}. It tries again every interval and logs when it resumes.")]
    private static partial void LogWaiting(ILogger logger, string work, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Work} resumed after the database was unavailable for {OutageSeconds} s")]
    private static partial void LogResumed(ILogger logger, string work, double outageSeconds);
}
