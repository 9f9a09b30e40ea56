namespace Surge.Capacity.Sagas;

/// <summary>The deadline scanners' log messages.</summary>
internal static partial class SagaDeadlineLog
{
    [LoggerMessage(EventId = 2401, Level = LogLevel.Warning, Message = "{Kind} saga {SagaId} passed its deadline {Deadline} while {Status}")]
    public static partial void Fired(ILogger logger, string kind, Guid sagaId, string status, DateTimeOffset deadline);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Debug, Message = "{Kind} saga {SagaId} changed while its deadline fired; the next scan looks again")]
    public static partial void Raced(ILogger logger, string kind, Guid sagaId);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Warning, Message = "{Kind} deadline scan failed; it runs again at the next interval")]
    public static partial void ScanFailed(ILogger logger, Exception exception, string kind);
}
