namespace Surge.Contracts;

/// <summary>A message that belongs to one saga; consumers serialize messages by this id.</summary>
public interface ISagaMessage
{
    /// <summary>The saga the message belongs to.</summary>
    Guid SagaId { get; }
}
