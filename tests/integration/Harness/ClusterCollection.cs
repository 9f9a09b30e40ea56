namespace Surge.IntegrationTests.Harness;

/// <summary>All integration tests share one cluster; starting six services takes longer than most tests.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<SurgeCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Surge cluster";
}
