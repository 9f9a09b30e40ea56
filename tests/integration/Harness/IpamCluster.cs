namespace Surge.IntegrationTests.Harness;

/// <summary>
/// A cluster whose Provisioner reports its inventory every second and whose Ipam releases an address after three
/// seconds without its instance, so reconciliation runs within a test's time. Released addresses stay in quarantine
/// for half a minute: longer than the tests that check the quarantine keeps them, short enough to see one end. The
/// address ledger is snapshotted every few entries, so a process that starts late reads a snapshot and the entries
/// after it.
/// </summary>
public sealed class IpamCluster : SurgeCluster
{
    /// <summary>The grace period the cluster's Ipam gives a missing instance before releasing its address.</summary>
    public static readonly TimeSpan GracePeriod = TimeSpan.FromSeconds(3);

    /// <summary>How long the cluster's Ipam keeps a released address out of use.</summary>
    public static readonly TimeSpan Quarantine = TimeSpan.FromSeconds(30);

    /// <inheritdoc />
    protected override IReadOnlyDictionary<string, string> Overrides(string service) => service switch
    {
        "ipam" => new Dictionary<string, string>
        {
            ["Ipam__Reconciliation__GracePeriod"] = GracePeriod.ToString("c"),
            ["Ipam__Quarantine"] = Quarantine.ToString("c"),
            ["Ipam__WarmSets__Interval"] = "00:00:00.200",
            ["Ipam__Ledger__SnapshotEvery"] = "7",
        },
        "provisioner" => new Dictionary<string, string>
        {
            ["Provisioner__InventoryReports__Interval"] = "00:00:01",
        },
        _ => new Dictionary<string, string>(),
    };
}

/// <summary>The Ipam tests share one cluster.</summary>
[CollectionDefinition(Name)]
public sealed class IpamCollection : ICollectionFixture<IpamCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Surge ipam cluster";
}
