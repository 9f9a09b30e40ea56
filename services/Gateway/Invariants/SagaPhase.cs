namespace Surge.Gateway.Invariants;

/// <summary>Where a saga is, as far as the invariant checker cares.</summary>
public enum SagaPhase
{
    /// <summary>Not finished, or finished while the check read the services; its instances are in flight and not checked for leaks.</summary>
    Running,

    /// <summary>Finished: every instance serves traffic.</summary>
    Completed,

    /// <summary>Finished: at least the requested minimum, but not every instance, serves traffic; the others were undone.</summary>
    PartiallyCompleted,

    /// <summary>Finished: a step failed and the completed steps were undone.</summary>
    Failed,

    /// <summary>Finished: an operator cancelled and the completed steps were undone.</summary>
    Cancelled,

    /// <summary>Finished: the request was recorded but not carried out.</summary>
    Declined,
}
