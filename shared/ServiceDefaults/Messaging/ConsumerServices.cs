using Microsoft.Extensions.Logging;

namespace Surge.ServiceDefaults.Messaging;

/// <summary>What every <see cref="TransactionalConsumer{TMessage}"/> needs, bundled so consumers take one constructor argument.</summary>
public sealed class ConsumerServices(PartitionLocks locks, OutboxSessionFactory sessions, Chaos.CrashHook crashHook, TimeProvider time, ILoggerFactory loggers)
{
    /// <summary>The in-process locks that serialize messages for one aggregate.</summary>
    public PartitionLocks Locks { get; } = locks;

    /// <summary>Opens the unit of work a message is handled in.</summary>
    public OutboxSessionFactory Sessions { get; } = sessions;

    /// <summary>The chaos hooks, off unless configured.</summary>
    public Chaos.CrashHook CrashHook { get; } = crashHook;

    /// <summary>The clock; handlers take the time from the unit of work instead.</summary>
    public TimeProvider Time { get; } = time;

    /// <summary>Creates the consumer's logger.</summary>
    public ILoggerFactory Loggers { get; } = loggers;
}
