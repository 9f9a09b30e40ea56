using Surge.IntegrationTests.Harness;

namespace Surge.IntegrationTests.Alerts;

/// <summary>
/// A cluster whose instances take six seconds to start, long enough for a test to send requests through the load
/// balancer while a scale-out waits for them, with deadlines short enough for a failed saga to finish quickly.
/// </summary>
public sealed class DegradeCluster : SurgeCluster
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Overrides(string service) => service switch
    {
        // One hundred minutes at the cluster's time scale of 0.001 is six seconds.
        "provisioner" => new Dictionary<string, string> { ["SimulatedDataCentre__Operations__StartInstance__Latency__Mean"] = "01:40:00" },
        "capacity" => new Dictionary<string, string>
        {
            ["Saga__InstanceStartTimeout"] = "00:01:00",
            ["Saga__UndoTimeout"] = "00:00:20",
            ["Saga__DeadlineScanInterval"] = "00:00:00.250",
        },
        _ => new Dictionary<string, string>(),
    };
}

/// <summary>The degradation tests share one slow-starting cluster.</summary>
[CollectionDefinition(Name)]
public sealed class DegradeCollection : ICollectionFixture<DegradeCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Surge degrade cluster";
}
