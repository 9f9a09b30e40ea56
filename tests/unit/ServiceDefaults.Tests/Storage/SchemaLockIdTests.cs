using Surge.ServiceDefaults.Storage;

namespace Surge.ServiceDefaults.Tests.Storage;

public sealed class SchemaLockIdTests
{
    [Fact]
    public void EachServiceSchema_GetsItsOwnLock()
    {
        string[] schemas = ["capacity", "ipam", "provisioner", "loadbalancer", "rollout", "gateway"];

        var ids = schemas.Select(MartenExtensions.SchemaLockId).ToList();

        Assert.Equal(schemas.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.True(id >= 0));
    }

    [Fact]
    public void SameSchema_SameLockEverywhere()
    {
        Assert.Equal(MartenExtensions.SchemaLockId("capacity"), MartenExtensions.SchemaLockId("capacity"));
        Assert.Equal(MartenExtensions.SchemaLockId("ipam"), MartenExtensions.CreateStoreOptions("Host=127.0.0.1", "ipam", _ => { }).ApplyChangesLockId);
    }
}
