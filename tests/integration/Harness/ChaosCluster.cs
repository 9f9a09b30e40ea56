namespace Surge.IntegrationTests.Harness;

/// <summary>
/// A cluster for the chaos tests: its own services, whose processes the tests kill and restart, with deadlines,
/// retries and the outbox relay shortened so that recovery happens within a test's patience.
/// </summary>
public sealed class ChaosCluster : SurgeCluster
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Overrides(string service) => new Dictionary<string, string>
    {
        // Placements take turns, so the last of 200 sagas started at once waits for the 199 before it; on two cores
        // shared by every service that can take longer than 20 seconds.
        ["Saga__PlacementTimeout"] = "00:01:00",
        ["Saga__AddressTimeout"] = "00:00:20",
        ["Saga__InstanceStartTimeout"] = "00:00:30",
        ["Saga__BackendTimeout"] = "00:01:00",
        ["Saga__UndoTimeout"] = "00:00:20",
        ["Saga__DeadlineScanInterval"] = "00:00:00.250",
        ["Messaging__RetryLimit"] = "3",
        ["Messaging__RetryMinInterval"] = "00:00:00.050",
        ["Messaging__RetryMaxInterval"] = "00:00:00.200",
        ["Outbox__RelayInterval"] = "00:00:00.500",
        ["Outbox__HandOffGrace"] = "00:00:01",
        ["Outbox__HandOffTimeout"] = "00:00:00.500",

        // Forty minutes at the cluster's time scale of 0.001 is 2.4 seconds: long enough for a test to act while
        // instances are starting.
        ["SimulatedDataCentre__Operations__StartInstance__Latency__Mean"] = "00:40:00",
    };
}
