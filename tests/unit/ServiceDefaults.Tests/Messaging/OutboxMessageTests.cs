using Surge.Contracts.Addresses;
using Surge.ServiceDefaults.Messaging;

namespace Surge.ServiceDefaults.Tests.Messaging;

public sealed class OutboxMessageTests
{
    [Fact]
    public void Restore_CreatedMessage_ReturnsEqualContract()
    {
        var sent = new AllocateAddresses(Guid.NewGuid(), "feed-api", [new AddressRequest(Guid.NewGuid(), "node-1", "pool-a")]);

        var entry = OutboxMessage.Create(sent, "correlation-1", "cause-1", DateTimeOffset.UnixEpoch);
        var (type, restored) = entry.Restore();

        Assert.Equal(typeof(AllocateAddresses), type);
        var message = Assert.IsType<AllocateAddresses>(restored);
        Assert.Equal(sent.SagaId, message.SagaId);
        Assert.Equal(sent.Requests.Single(), message.Requests.Single());
        Assert.Equal("correlation-1", entry.CorrelationId);
        Assert.Equal("cause-1", entry.CausationId);
    }

    [Fact]
    public void Create_TwoMessages_GetDistinctIds()
    {
        var first = OutboxMessage.Create(new ReleaseAddresses(Guid.NewGuid(), [], "test"), "c", null, DateTimeOffset.UnixEpoch);
        var second = OutboxMessage.Create(new ReleaseAddresses(Guid.NewGuid(), [], "test"), "c", null, DateTimeOffset.UnixEpoch);

        Assert.NotEqual(first.Id, second.Id);
    }
}
