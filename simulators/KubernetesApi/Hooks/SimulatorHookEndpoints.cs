using System.Text.Json.Nodes;
using Surge.Simulators.KubernetesApi.Api;
using Surge.Simulators.KubernetesApi.Store;

namespace Surge.Simulators.KubernetesApi.Hooks;

/// <summary>
/// Test hooks under <c>/simulator</c>, for tests and demonstrations only: they make the simulated API server misbehave
/// the way real ones do under load or after a restart.
/// </summary>
public static class SimulatorHookEndpoints
{
    /// <summary>Maps the state, silence and expire hooks.</summary>
    public static WebApplication MapSimulatorHooks(this WebApplication app)
    {
        var hooks = app.MapGroup("/simulator");
        hooks.MapGet("/state", (ClusterStore store) => TypedResults.Ok(store.State()));
        hooks.MapPost("/watches/silence", (ClusterStore store) => TypedResults.Ok(new SilenceResult(store.SilenceWatches())));
        hooks.MapPost("/resource-versions/expire", Expire);
        return app;
    }

    // Without "before", every resource version up to now expires, so the next watch from any of them gets 410.
    private static IResult Expire(ClusterStore store, long? before, bool? closeWatches)
    {
        if (before is < 1)
        {
            return KubernetesJsonResult.Status(Statuses.BadRequest("before must be a resource version of 1 or more"));
        }

        var threshold = before ?? store.State().ResourceVersion + 1;
        var closed = store.ExpireBefore(threshold, closeWatches ?? false);
        return new KubernetesJsonResult(200, new JsonObject { ["expiredBefore"] = threshold, ["closedWatches"] = closed });
    }

    private sealed record SilenceResult(int Silenced);
}
