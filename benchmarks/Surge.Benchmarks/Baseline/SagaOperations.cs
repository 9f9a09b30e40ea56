namespace Surge.Benchmarks.Baseline;

/// <summary>One database or broker round trip the saga makes.</summary>
public enum Operation
{
    /// <summary>A transaction that records events, documents, the inbox entry and outbox messages, then commits.</summary>
    Commit,

    /// <summary>A publish to RabbitMQ that waits for the broker's confirm.</summary>
    Publish,

    /// <summary>The transaction that deletes published outbox messages, then commits.</summary>
    OutboxDelete,
}

/// <summary>
/// The commits and confirmed publishes one scale-out saga makes, per saga step, counted from the code. Every message is
/// handled by a <c>TransactionalConsumer</c>: one commit for the handler's changes, one confirmed publish per outgoing
/// message (MassTransit's RabbitMQ transport waits for publisher confirms by default), and, when it published anything,
/// one commit that deletes the published outbox messages.
/// </summary>
/// <remarks>
/// Per saga with one instance: Capacity 5 commits and 4 outbox deletes (the HTTP request, PlaceInstances,
/// AddressesAllocated, InstanceStarted, BackendsRegistered; the last publishes nothing), Ipam 1 and 1, Provisioner 2 and
/// 1 (StartInstances publishes nothing; the start's outcome is recorded in a unit of its own that publishes
/// InstanceStarted), LoadBalancer 1 and 1. That is 9 commits, 7 outbox deletes and 7 publishes.
/// </remarks>
public static class SagaOperations
{
    /// <summary>The round trips of the request that starts the saga, recorded before the first step begins.</summary>
    public static readonly IReadOnlyList<Operation> Request = [Operation.Commit];

    /// <summary>Returns the round trips of each saga step, in order, for sagas that add <paramref name="instances"/> instances.</summary>
    public static IReadOnlyList<(string Step, IReadOnlyList<Operation> Operations)> Steps(int instances)
    {
        // Capacity hands PlaceInstances off after the request's commit, then places in a transaction of its own.
        Operation[] placement = [Operation.Publish, Operation.OutboxDelete, Operation.Commit];

        // Capacity sends AllocateAddresses; Ipam allocates and replies; Capacity records AddressesAssigned.
        Operation[] addresses = [Operation.Publish, Operation.OutboxDelete, Operation.Commit, Operation.Publish, Operation.OutboxDelete, Operation.Commit];

        // Capacity sends StartInstances; Provisioner records the request (nothing to publish); per instance it records
        // the start and replies InstanceStarted, which Capacity records as InstanceReady.
        var instanceSteps = new List<Operation> { Operation.Publish, Operation.OutboxDelete, Operation.Commit };
        for (var i = 0; i < instances; i++)
        {
            instanceSteps.AddRange([Operation.Commit, Operation.Publish, Operation.OutboxDelete, Operation.Commit]);
        }

        // Capacity sends RegisterBackends; LoadBalancer registers and replies; Capacity records BackendsAdded and
        // ScaleOutCompleted in one transaction that publishes nothing.
        Operation[] backends = [Operation.Publish, Operation.OutboxDelete, Operation.Commit, Operation.Publish, Operation.OutboxDelete, Operation.Commit];

        return
        [
            ("placement", placement),
            ("addresses", addresses),
            ("instances", instanceSteps),
            ("backends", backends),
            ("completion", []),
        ];
    }
}
