using JasperFx;

namespace Surge.Provisioner.Recording;

/// <summary>Retry of a unit of work that records an outcome not driven by a message, shared by the recorders.</summary>
public static class RecordingRetry
{
    /// <summary>The most attempts one outcome gets before its error is thrown.</summary>
    public const int MaxAttempts = 6;

    /// <summary>
    /// Runs <paramref name="attempt"/> until it succeeds, retrying a version conflict or a database error with doubling
    /// delays from 100 ms. After the last attempt the error is thrown.
    /// </summary>
    /// <param name="onConflict">Called with the attempt number when another writer changed the stream first.</param>
    /// <param name="onRetry">Called with the error, the attempt number and the delay before any other retried error.</param>
    public static async Task<T> RunAsync<T>(
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
            catch (Exception exception) when (exception is not OperationCanceledException && number < MaxAttempts)
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
