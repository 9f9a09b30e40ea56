namespace Surge.Gateway.Invariants;

/// <summary>The kinds of <see cref="InvariantFinding"/> and the severity each has.</summary>
public static class FindingKinds
{
    /// <summary>One address allocated to two or more instances.</summary>
    public const string AddressAllocatedTwice = "address-allocated-twice";

    /// <summary>One address used by two or more started instances.</summary>
    public const string AddressUsedTwice = "address-used-twice";

    /// <summary>One instance with two or more allocations.</summary>
    public const string InstanceAllocatedTwice = "instance-allocated-twice";

    /// <summary>One instance reserved on two or more nodes.</summary>
    public const string InstanceReservedTwice = "instance-reserved-twice";

    /// <summary>One backend endpoint used by two or more instances.</summary>
    public const string EndpointUsedTwice = "endpoint-used-twice";

    /// <summary>An address allocated to an instance that is neither started nor starting and has no reservation.</summary>
    public const string AddressLeaked = "address-leaked";

    /// <summary>A reservation for an instance that is neither started nor starting.</summary>
    public const string ReservationLeaked = "reservation-leaked";

    /// <summary>A started instance without a reservation.</summary>
    public const string InstanceWithoutReservation = "instance-without-reservation";

    /// <summary>A started instance without an address allocation.</summary>
    public const string InstanceWithoutAddress = "instance-without-address";

    /// <summary>A started instance whose address is not the one Ipam allocated to it.</summary>
    public const string AddressMismatch = "address-mismatch";

    /// <summary>A backend whose instance is not started.</summary>
    public const string BackendNotStarted = "backend-not-started";

    /// <summary>A backend whose endpoint is not the endpoint its instance serves at.</summary>
    public const string BackendEndpointMismatch = "backend-endpoint-mismatch";

    /// <summary>A started instance of a completed or partially completed saga that is not a backend, so it serves no traffic.</summary>
    public const string InstanceNotServing = "instance-not-serving";

    /// <summary>A node whose reservations add up to more CPU or memory than it can allocate.</summary>
    public const string NodeOvercommitted = "node-overcommitted";

    /// <summary>The severity of a leftover that should have been released or registered.</summary>
    public const string Leak = "leak";

    /// <summary>The severity of one resource held twice.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The severity of a node holding more than it has.</summary>
    public const string Overcommit = "overcommit";
}
