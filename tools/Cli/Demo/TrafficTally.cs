namespace Surge.Cli.Demo;

/// <summary>The tally of the demo's requests: how many each instance served, and why the others failed.</summary>
internal sealed class TrafficTally
{
    private readonly Dictionary<string, int> requestsByInstance = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> addressByInstance = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> failuresByReason = new(StringComparer.Ordinal);

    public int Sent { get; private set; }

    public IReadOnlyDictionary<string, int> RequestsByInstance => requestsByInstance;

    /// <summary>The address each instance reported in its replies, for instances whose replies include one.</summary>
    public IReadOnlyDictionary<string, string> AddressByInstance => addressByInstance;

    public IReadOnlyDictionary<string, int> FailuresByReason => failuresByReason;

    public void RecordResponse(string instanceId, string? address)
    {
        Sent++;
        requestsByInstance[instanceId] = RequestsServedBy(instanceId) + 1;
        if (!string.IsNullOrEmpty(address))
        {
            addressByInstance[instanceId] = address;
        }
    }

    public void RecordFailure(string reason)
    {
        Sent++;
        failuresByReason[reason] = failuresByReason.GetValueOrDefault(reason) + 1;
    }

    public int RequestsServedBy(string instanceId) => requestsByInstance.GetValueOrDefault(instanceId);
}
