namespace Surge.Gateway.Invariants;

/// <summary>The sagas Capacity listed for each status before the check read the other services.</summary>
/// <param name="ByStatus">The newest sagas of each status, at most <see cref="Limit"/> per status.</param>
public sealed record SagaListing(IReadOnlyDictionary<string, IReadOnlyList<SagaRecord>> ByStatus)
{
    /// <summary>The most sagas Capacity's <c>GET /sagas</c> returns for one query.</summary>
    public const int Limit = 200;

    /// <summary>Every status a scale-out saga can have, running ones first.</summary>
    public static readonly IReadOnlyList<string> Statuses =
        [
            "Requested", "AllocatingAddresses", "StartingInstances", "RegisteringBackends", "Compensating",
            "Completed", "PartiallyCompleted", "Failed", "Cancelled", "Declined",
        ];

    /// <summary>Whether the listing contains the saga in any status.</summary>
    public bool Contains(Guid sagaId) => ByStatus.Values.Any(sagas => sagas.Any(saga => saga.SagaId == sagaId));
}
