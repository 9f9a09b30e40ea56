namespace Surge.ServiceDefaults.Messaging;

/// <summary>
/// Serializes work on one aggregate inside a process. Keys hash onto a fixed set of stripes, so memory stays bounded.
/// Two keys may share a stripe and then wait for each other, which costs latency but not correctness.
/// </summary>
public sealed class PartitionLocks
{
    private readonly SemaphoreSlim[] stripes;

    /// <summary>Creates the lock set with the given number of stripes.</summary>
    public PartitionLocks(int stripeCount = 256)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stripeCount, 1);
        stripes = Enumerable.Range(0, stripeCount).Select(_ => new SemaphoreSlim(1, 1)).ToArray();
    }

    /// <summary>
    /// Waits until no other holder works on any of the keys' stripes; dispose the result to release them all. Stripes
    /// are taken once each and in ascending order, so two callers locking overlapping sets cannot deadlock.
    /// </summary>
    public async Task<IDisposable> AcquireManyAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        var held = new List<IDisposable>();
        try
        {
            foreach (var stripe in keys.Select(StripeOf).Distinct().Order())
            {
                await stripes[stripe].WaitAsync(cancellationToken);
                held.Add(new Releaser(stripes[stripe]));
            }
        }
        catch
        {
            held.ForEach(releaser => releaser.Dispose());
            throw;
        }

        return new CompositeReleaser(held);
    }

    /// <summary>Waits until no other holder works on the key's stripe; dispose the result to release it.</summary>
    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var stripe = stripes[StripeOf(key)];
        await stripe.WaitAsync(cancellationToken);
        return new Releaser(stripe);
    }

    private int StripeOf(string key) => (int)((uint)StringComparer.Ordinal.GetHashCode(key) % (uint)stripes.Length);

    private sealed class CompositeReleaser(List<IDisposable> held) : IDisposable
    {
        public void Dispose() => held.ForEach(releaser => releaser.Dispose());
    }

    private sealed class Releaser(SemaphoreSlim stripe) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                stripe.Release();
            }
        }
    }
}
