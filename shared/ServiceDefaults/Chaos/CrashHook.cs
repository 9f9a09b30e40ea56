using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Surge.ServiceDefaults.Chaos;

/// <summary>Kills the process after a commit when <see cref="ChaosOptions.CrashAfterCommitOf"/> names the handling that committed.</summary>
public sealed partial class CrashHook(IOptions<ChaosOptions> options, ILogger<CrashHook> logger)
{
    /// <summary>Whether the hook is armed at all.</summary>
    public bool Armed => options.Value.CrashAfterCommitOf.Length > 0 || options.Value.FailHandlingOf.Length > 0;

    /// <summary>Throws an injected failure when <paramref name="handling"/> is the message type set to fail.</summary>
    public void BeforeHandling(string handling)
    {
        if (string.Equals(handling, options.Value.FailHandlingOf, StringComparison.Ordinal))
        {
            LogFailing(logger, handling);
            throw new InjectedFailureException($"Chaos:FailHandlingOf injects a failure into every {handling}.");
        }
    }

    /// <summary>Kills the process at once if <paramref name="handling"/> is the one the hook waits for.</summary>
    public void AfterCommit(string handling)
    {
        if (options.Value.CrashAfterCommitOf.Length == 0 || !string.Equals(handling, options.Value.CrashAfterCommitOf, StringComparison.Ordinal))
        {
            return;
        }

        LogCrashing(logger, handling);
        Process.GetCurrentProcess().Kill();
    }

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "Chaos hook: failing {Handling} as configured")]
    private static partial void LogFailing(ILogger logger, string handling);

    [LoggerMessage(EventId = 201, Level = LogLevel.Critical, Message = "Chaos hook: killing the process right after committing {Handling}")]
    private static partial void LogCrashing(ILogger logger, string handling);

    /// <summary>Logs at start that the hook is armed, so nobody runs with it unknowingly.</summary>
    public void WarnIfArmed()
    {
        if (Armed)
        {
            LogArmed(logger, options.Value.CrashAfterCommitOf, options.Value.FailHandlingOf);
        }
    }

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Chaos hooks armed: crash after committing '{CrashAfter}', fail every '{FailHandling}'")]
    private static partial void LogArmed(ILogger logger, string crashAfter, string failHandling);
}
