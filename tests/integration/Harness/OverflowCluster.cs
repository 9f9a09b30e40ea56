namespace Surge.IntegrationTests.Harness;

/// <summary>
/// A cluster whose Capacity may overflow into two small simulated clouds, a private one of one node and a public one
/// of two, with node creation fast enough for a test and idle cloud nodes given back after two seconds.
/// </summary>
public sealed class OverflowCluster : SurgeCluster
{
    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Overrides(string service) => service switch
    {
        "capacity" => new Dictionary<string, string>
        {
            ["Overflow__Providers__private-cloud__Kind"] = "Private",
            ["Overflow__Providers__private-cloud__NodeCpuMillicores"] = "2000",
            ["Overflow__Providers__private-cloud__NodeMemoryMiB"] = "8192",
            ["Overflow__Providers__private-cloud__MaxNodes"] = "1",
            ["Overflow__Providers__private-cloud__Zones__0"] = "zone-a",
            ["Overflow__Providers__public-cloud__Kind"] = "Public",
            ["Overflow__Providers__public-cloud__NodeCpuMillicores"] = "2000",
            ["Overflow__Providers__public-cloud__NodeMemoryMiB"] = "8192",
            ["Overflow__Providers__public-cloud__MaxNodes"] = "2",
            ["Overflow__Providers__public-cloud__Zones__0"] = "zone-b",
            ["Overflow__IdleNodeReleaseAfter"] = "00:00:02",
            ["Overflow__ScanInterval"] = "00:00:00.200",
        },
        "provisioner" => new Dictionary<string, string>
        {
            ["SimulatedDataCentre__Clouds__private-cloud__Operations__CreateVm__Latency__Mean"] = "00:00:00.100",
            ["SimulatedDataCentre__Clouds__private-cloud__Operations__Boot__Latency__Mean"] = "00:00:00.100",
            ["SimulatedDataCentre__Clouds__private-cloud__Operations__Join__Latency__Mean"] = "00:00:00.100",
            ["SimulatedDataCentre__Clouds__public-cloud__Operations__CreateVm__Latency__Mean"] = "00:00:00.200",
            ["SimulatedDataCentre__Clouds__public-cloud__Operations__Boot__Latency__Mean"] = "00:00:00.200",
            ["SimulatedDataCentre__Clouds__public-cloud__Operations__Join__Latency__Mean"] = "00:00:00.200",
        },
        _ => new Dictionary<string, string>(),
    };
}

/// <summary>The scheduler tests share one overflow cluster.</summary>
[CollectionDefinition(Name)]
public sealed class OverflowCollection : ICollectionFixture<OverflowCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Surge overflow cluster";
}
