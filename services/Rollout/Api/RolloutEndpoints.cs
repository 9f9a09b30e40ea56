using Marten;
using JasperFx;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Surge.Rollout.Saga;
using Surge.Rollout.Storage;
using Surge.ServiceDefaults.Correlation;
using Surge.ServiceDefaults.Messaging;
using Surge.ServiceDefaults.Problems;

namespace Surge.Rollout.Api;

/// <summary>HTTP API for rollouts: start, list, read, and steer one.</summary>
public static class RolloutEndpoints
{
    /// <summary>Maps <c>/rollouts</c>, <c>/rollouts/{id}</c> and its <c>pause</c>, <c>resume</c>, <c>abort</c> and <c>rollback</c> commands.</summary>
    public static IEndpointRouteBuilder MapRolloutEndpoints(this IEndpointRouteBuilder routes)
    {
        var rollouts = routes.MapGroup("/rollouts").WithTags("Rollouts");
        rollouts.MapGet("/", ListRollouts).WithSummary("Lists rollouts, newest first, optionally by service and status.");
        rollouts.MapGet("/{rolloutId:guid}", GetRollout).WithSummary("Returns one rollout with its batches and instances.");
        rollouts.MapPost("/", StartRollout).WithSummary("Starts an in-place rolling update of a service to a new image.");
        rollouts.MapPost("/{rolloutId:guid}/pause", PauseRollout).WithSummary("Stops the rollout before its next batch.");
        rollouts.MapPost("/{rolloutId:guid}/resume", ResumeRollout).WithSummary("Continues a paused rollout with its next batch.");
        rollouts.MapPost("/{rolloutId:guid}/abort", AbortRollout).WithSummary("Stops the rollout where it is, without rolling back.");
        rollouts.MapPost("/{rolloutId:guid}/rollback", RollBackRollout).WithSummary("Puts every changed instance back on its previous image.");
        return routes;
    }

    /// <summary>Lists at most 200 rollouts, newest first.</summary>
    public static async Task<Ok<RolloutView[]>> ListRollouts(string? service, string? status, IQuerySession session, CancellationToken cancellationToken)
    {
        IQueryable<RolloutState> query = session.Query<RolloutState>();
        if (status is not null)
        {
            if (!Enum.TryParse<RolloutStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                throw new RequestValidationException("status", $"status '{status}' is unknown. Use one of: {string.Join(", ", Enum.GetNames<RolloutStatus>())}.");
            }

            query = query.Where(rollout => rollout.Status == parsed);
        }

        if (!string.IsNullOrWhiteSpace(service))
        {
            query = query.Where(rollout => rollout.Service == service);
        }

        var rollouts = await query.OrderByDescending(rollout => rollout.RequestedAt).Take(200).ToListAsync(cancellationToken);
        return TypedResults.Ok(rollouts.Select(RolloutView.From).ToArray());
    }

    /// <summary>Returns one rollout, or 404.</summary>
    public static async Task<Ok<RolloutView>> GetRollout(Guid rolloutId, IQuerySession session, CancellationToken cancellationToken)
    {
        var rollout = await session.LoadAsync<RolloutState>(RolloutState.StreamKey(rolloutId), cancellationToken)
            ?? throw new ResourceNotFoundException("Rollout", rolloutId.ToString());
        return TypedResults.Ok(RolloutView.From(rollout));
    }

    /// <summary>Starts a rollout; 202 with the rollout, 409 when the service has one running.</summary>
    public static async Task<Results<Accepted<RolloutView>, ProblemHttpResult>> StartRollout(
        RolloutRequest request,
        OutboxSessionFactory sessions,
        IOptions<RolloutOptions> options,
        HttpContext http,
        CancellationToken cancellationToken)
    {
        var spec = RolloutRequestValidator.Validate(request, options.Value.DefaultDrainTimeout);
        await using var unit = sessions.Open(http.GetCorrelationId());
        if (await unit.Documents.LoadAsync<ActiveRollout>(request.Service!, cancellationToken) is { } active)
        {
            throw Busy(request.Service!, active.SagaId);
        }

        var rolloutId = Guid.CreateVersion7(unit.Now);
        var requested = new RolloutRequested(rolloutId, request.Service!, request.Image!, spec, request.RequestedBy, unit.Now, unit.Now + options.Value.DescribeTimeout);
        var state = RolloutDecider.Evolve(null, requested)!;
        unit.Documents.Insert(new ActiveRollout(request.Service!, rolloutId, unit.Now));
        unit.Documents.Events.StartStream<RolloutState>(state.Id, requested);
        foreach (var message in RolloutReactions.For(requested, state))
        {
            unit.Publish(message);
        }

        try
        {
            await unit.CommitAsync(cancellationToken);
        }
        catch (DocumentAlreadyExistsException)
        {
            throw Busy(request.Service!, null);
        }

        // Relative to /rollouts, the id resolves to /rollouts/{id}, here and behind the gateway.
        return TypedResults.Accepted($"rollouts/{rolloutId}", RolloutView.From(state));
    }

    /// <summary>Asks the rollout to stop before its next batch; 409 unless it is running or rolling back.</summary>
    public static Task<Accepted<RolloutView>> PauseRollout(Guid rolloutId, RolloutCommandRequest? request, RolloutCommands commands, HttpContext http, CancellationToken cancellationToken) =>
        commands.SendAsync(rolloutId, new PauseRollout(ReasonOf(request, "Paused through the API.")), http, "only a running rollout that is not already pausing can be paused", cancellationToken);

    /// <summary>Continues a paused rollout, or withdraws a pause not yet in effect; 409 otherwise.</summary>
    public static Task<Accepted<RolloutView>> ResumeRollout(Guid rolloutId, RolloutCommands commands, HttpContext http, CancellationToken cancellationToken) =>
        commands.SendAsync(rolloutId, new ResumeRollout(), http, "only a paused rollout, or one about to pause, can be resumed", cancellationToken);

    /// <summary>Stops the rollout where it is; 409 when it already finished or is aborting.</summary>
    public static Task<Accepted<RolloutView>> AbortRollout(Guid rolloutId, RolloutCommandRequest? request, RolloutCommands commands, HttpContext http, CancellationToken cancellationToken) =>
        commands.SendAsync(rolloutId, new AbortRollout(ReasonOf(request, "Aborted through the API.")), http, "only an unfinished rollout can be aborted", cancellationToken);

    /// <summary>Rolls the rollout back; 409 when it finished, is aborting, or is already rolling back.</summary>
    public static Task<Accepted<RolloutView>> RollBackRollout(Guid rolloutId, RolloutCommandRequest? request, RolloutCommands commands, HttpContext http, CancellationToken cancellationToken) =>
        commands.SendAsync(rolloutId, new RollBackRollout(ReasonOf(request, "Rolled back through the API.")), http, "only an unfinished rollout that is not aborting or rolling back can be rolled back", cancellationToken);

    private static string ReasonOf(RolloutCommandRequest? request, string fallback) =>
        string.IsNullOrWhiteSpace(request?.Reason) ? fallback : request.Reason;

    private static ResourceConflictException Busy(string service, Guid? running) => new(running is { } id
        ? $"Service '{service}' already has rollout {id} running. Wait for it to finish, or abort or roll it back first."
        : $"Service '{service}' already has a rollout running. Wait for it to finish, or abort or roll it back first.");
}
