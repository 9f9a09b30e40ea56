using Surge.Contracts;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>A <see cref="TransactionalConsumer{TMessage}"/> for messages of one saga, partitioned by the saga's id.</summary>
public abstract class SagaMessageConsumer<TMessage>(ConsumerServices services) : TransactionalConsumer<TMessage>(services)
    where TMessage : class, ISagaMessage
{
    /// <inheritdoc />
    protected override string PartitionKey(TMessage message) => message.SagaId.ToString();
}
