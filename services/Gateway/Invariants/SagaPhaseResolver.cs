namespace Surge.Gateway.Invariants;

/// <summary>
/// Decides which sagas were settled while the check read the services. A saga counts as settled only when it had
/// finished before the other services were read, so the records read for it cannot be halfway through a step.
/// </summary>
public static class SagaPhaseResolver
{
    /// <summary>Returns the phase of a saga status; any status that is not final is running.</summary>
    public static SagaPhase PhaseOf(string status) => status switch
    {
        "Completed" => SagaPhase.Completed,
        "PartiallyCompleted" => SagaPhase.PartiallyCompleted,
        "Failed" => SagaPhase.Failed,
        "Cancelled" => SagaPhase.Cancelled,
        "Declined" => SagaPhase.Declined,
        _ => SagaPhase.Running,
    };

    /// <summary>
    /// Returns the phase of each saga in <paramref name="listed"/> (read first) and <paramref name="lookedUp"/> (sagas the
    /// listing missed, read one by one after the other services). A saga listed as running in any status is running.
    /// </summary>
    public static IReadOnlyDictionary<Guid, SagaPhase> Resolve(SagaListing listed, IEnumerable<SagaRecord> lookedUp)
    {
        var phases = new Dictionary<Guid, SagaPhase>();
        foreach (var (status, sagas) in listed.ByStatus.OrderBy(pair => PhaseOf(pair.Key) == SagaPhase.Running))
        {
            foreach (var saga in sagas)
            {
                phases[saga.SagaId] = PhaseOf(status);
            }
        }

        foreach (var saga in lookedUp.Where(saga => !phases.ContainsKey(saga.SagaId)))
        {
            phases[saga.SagaId] = FinishedBeforeListing(listed, saga) ? PhaseOf(saga.Status) : SagaPhase.Running;
        }

        return phases;
    }

    // The listing missed a finished saga either because its status had a full page of newer sagas, or because the saga
    // finished after the listing. Only the first case means it had finished before the other services were read.
    private static bool FinishedBeforeListing(SagaListing listed, SagaRecord saga)
    {
        if (PhaseOf(saga.Status) == SagaPhase.Running || !listed.ByStatus.TryGetValue(saga.Status, out var page))
        {
            return false;
        }

        return page.Count >= SagaListing.Limit && saga.RequestedAt < page.Min(listedSaga => listedSaga.RequestedAt);
    }
}
