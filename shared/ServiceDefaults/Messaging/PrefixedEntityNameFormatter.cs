using MassTransit;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>Puts a fixed prefix before the exchange name MassTransit gives each message type.</summary>
public sealed class PrefixedEntityNameFormatter(IEntityNameFormatter inner, string prefix) : IEntityNameFormatter
{
    /// <inheritdoc />
    public string FormatEntityName<T>() => prefix + inner.FormatEntityName<T>();
}
