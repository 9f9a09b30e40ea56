namespace Surge.Capacity.Incidents;

/// <summary>What the timer does for an incident whose window or step period ended.</summary>
public abstract record ScaleInStep
{
    private ScaleInStep()
    {
    }

    /// <summary>Remove <paramref name="Count"/> instances now; the next step is due at <paramref name="NextStepAt"/>.</summary>
    public sealed record Remove(int Count, int InstancesBefore, DateTimeOffset NextStepAt) : ScaleInStep;

    /// <summary>Nothing can be removed yet, for the reason; look again at <paramref name="NextStepAt"/>.</summary>
    public sealed record Wait(string Reason, DateTimeOffset NextStepAt) : ScaleInStep;

    /// <summary>The incident's scale-in is over, for the reason.</summary>
    public sealed record Finish(string Reason) : ScaleInStep;
}
