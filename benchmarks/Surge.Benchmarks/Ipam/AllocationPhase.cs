namespace Surge.Benchmarks.Ipam;

/// <summary>What the callers of one phase received, per request in the order of the requests.</summary>
/// <param name="Requests">The requests of the phase.</param>
/// <param name="Addresses">The address each call returned; null where it returned none or failed.</param>
/// <param name="LatenciesMs">The duration of each call, in milliseconds.</param>
/// <param name="Failed">Whether each call threw.</param>
/// <param name="FirstFailure">The first exception a call threw, if any.</param>
/// <param name="Elapsed">Wall time from the first call's start to the last call's end.</param>
public sealed record AllocationPhase(
    IReadOnlyList<AllocationRequest> Requests,
    string?[] Addresses,
    double[] LatenciesMs,
    bool[] Failed,
    Exception? FirstFailure,
    TimeSpan Elapsed)
{
    /// <summary>The number of calls that returned an address.</summary>
    public int Allocated => Addresses.Count(address => address is not null);

    /// <summary>The number of calls that returned null because no address was free.</summary>
    public int Rejected => Addresses.Where((address, i) => address is null && !Failed[i]).Count();

    /// <summary>The number of calls that threw.</summary>
    public int Failures => Failed.Count(failed => failed);

    /// <summary>Addresses returned per second of wall time.</summary>
    public double AllocationsPerSecond => Allocated / Elapsed.TotalSeconds;

    /// <summary>The durations of the calls that returned an address, in milliseconds.</summary>
    public IEnumerable<double> AllocatedLatenciesMs => LatenciesMs.Where((_, i) => Addresses[i] is not null);

    /// <summary>The instance and address of every call that returned an address.</summary>
    public IEnumerable<(Guid InstanceId, string Address)> Returned =>
        Requests.Select((request, i) => (request.InstanceId, Address: Addresses[i]))
            .Where(pair => pair.Address is not null)
            .Select(pair => (pair.InstanceId, pair.Address!));
}
