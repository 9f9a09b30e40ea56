namespace Surge.IntegrationTests.Harness;

/// <summary>The chaos tests share one cluster of their own, since they kill and restart its services.</summary>
[CollectionDefinition(Name)]
public sealed class ChaosCollection : ICollectionFixture<ChaosCluster>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Surge chaos cluster";
}
