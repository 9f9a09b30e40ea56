using Microsoft.Extensions.Options;
using Surge.ServiceDefaults.Messaging;

namespace Surge.ServiceDefaults.Storage;

/// <summary>
/// Waits out an unreachable database for background work that no message redelivers, such as recording a
/// provider's reply, for as long as <see cref="MessagingOptions.DatabaseOutageRetry"/> allows messages.
/// </summary>
public sealed class DatabaseOutageRetry(IOptions<MessagingOptions> options, TimeProvider time)
{
    /// <summary>
    /// Runs <paramref name="operation"/> and runs it again, after the waits of <see cref="OutageRetrySchedule"/>, each
    /// time it fails because PostgreSQL could not be reached. Other failures, and the last one, are thrown.
    /// </summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        var waits = OutageRetrySchedule.For(options.Value.DatabaseOutageRetry);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await operation(cancellationToken);
            }
            catch (Exception exception) when (attempt < waits.Length && DatabaseFailures.IsUnavailable(exception))
            {
                await Task.Delay(waits[attempt], time, cancellationToken);
            }
        }
    }
}
