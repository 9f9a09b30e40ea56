using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Surge.Capacity.AlertPolicies;

/// <summary>The current declaration of an alert policy.</summary>
public sealed record AlertPolicyView(string Id, string Name, AlertPolicySpec Spec)
{
    /// <summary>The stream key of an alert policy.</summary>
    public static string StreamKey(string name) => $"alert-policy/{name}";
}

/// <summary>Keeps <see cref="AlertPolicyView"/> in step with the policy's stream, inside the transaction that appends to it.</summary>
public sealed class AlertPolicyViewProjection : SingleStreamProjection<AlertPolicyView, string>
{
    /// <inheritdoc />
    public override AlertPolicyView? Evolve(AlertPolicyView? snapshot, string id, IEvent e) => e.Data switch
    {
        AlertPolicySpecified specified => new AlertPolicyView(id, specified.Name, specified.Spec),
        _ => snapshot,
    };
}
