using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Storage;

namespace Surge.Rollout;

/// <summary>Registers the Rollout service's storage and messaging.</summary>
public static class RolloutRegistration
{
    /// <summary>Adds Rollout's event store and its receive endpoint.</summary>
    /// <remarks>
    /// NOTE: Rollout has no consumers and no events yet; the in-place rolling update saga will live here. The store and
    /// the endpoint exist now so the service's schema, queue, health and audit API are in place before its first saga.
    /// </remarks>
    public static IHostApplicationBuilder AddRollout(this IHostApplicationBuilder builder)
    {
        builder.AddSurgeMarten("rollout", _ => { });
        builder.AddSurgeMessaging("rollout", _ => { });
        return builder;
    }
}
