namespace Surge.IntegrationTests.Harness;

/// <summary>Polls a condition until it holds, for state that other processes change asynchronously.</summary>
public static class Eventually
{
    /// <summary>Returns the first non-null result of <paramref name="probe"/>, or throws with <paramref name="what"/> after the timeout.</summary>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what)
        where T : struct
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await probe() is { } result)
            {
                return result;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
