using JasperFx;
using Surge.ServiceDefaults.Storage;

namespace Surge.Provisioner.Recording;

/// <summary>Retry of a unit of work that records an outcome not driven by a message, shared by the recorders.</summary>
public static class RecordingRetry
{
    /// <summary>The most attempts one outcome gets before its error is thrown.</summary>
    public const int MaxAttempts = 6;

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds. A version conflict or another database error is retried with
    /// doubling delays from 100 ms, and after the last attempt the error is thrown. An unreachable database is waited
    /// out by <paramref name="outage"/> instead, without using up those attempts, because no message brings the
    /// outcome again.
    /// </summary>
    /// <param name="onConflict">Called with the attempt number when another writer changed the stream first.</param>
    /// <param name="onRetry">Called with the error, the attempt number and the delay before any other retried error.</param>
    public static Task<T> RunAsync<T>(
        DatabaseOutageRetry outage,
        Func<Task<T>> attempt,
        Action<int> onConflict,
        Action<Exception, int, TimeSpan> onRetry,
        CancellationToken cancellationToken) =>
        outage.RunAsync(_ => RunBoundedAsync(attempt, onConflict, onRetry, cancellationToken), cancellationToken);

    private static async Task<T> RunBoundedAsync<T>(
        Func<Task<T>> attempt,
        Action<int> onConflict,
        Action<Exception, int, TimeSpan> onRetry,
        CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (Exception exception) when (exception is not OperationCanceledException && !DatabaseFailures.IsUnavailable(exception) && number < MaxAttempts)
            {
                var delay = TimeSpan.FromMilliseconds(100 * Math.Pow(2, number - 1));
                if (exception is ConcurrencyException)
                {
                    onConflict(number);
                }
                else
                {
                    onRetry(exception, number, delay);
                }

                await Task.Delay(delay, cancellationToken);
            }
        }
    }
}
