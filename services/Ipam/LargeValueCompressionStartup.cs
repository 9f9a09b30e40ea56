using Microsoft.Extensions.Options;
using Surge.ServiceDefaults.Options;

namespace Surge.Ipam;

/// <summary>
/// Runs <see cref="LargeValueCompression"/> at start. It is registered after Marten, whose own start creates the
/// tables, so every table it looks at exists by then.
/// </summary>
public sealed partial class LargeValueCompressionStartup(IOptions<ConnectionOptions> connection, ILogger<LargeValueCompressionStartup> logger) : IHostedService
{
    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await LargeValueCompression.ApplyAsync(connection.Value.Postgres, IpamStore.Schema, logger, cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The compression method changes speed, never what is stored, so Ipam starts without it. The next start
            // tries again.
            LogFailed(logger, exception);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 3005, Level = LogLevel.Warning, Message = "Could not set lz4 compression on Ipam's tables; they keep pglz until the next start")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
