namespace Surge.Provisioner.Instances;

/// <summary>The decisions about one instance: which events a command causes, and how events change the state.</summary>
/// <remarks>
/// A command that does not fit the current state causes no events rather than an error, because every command arrives
/// at least once and may arrive late. The caller reads the state to decide what to reply.
/// </remarks>
public static class InstanceDecider
{
    /// <summary>Returns the state after <paramref name="event"/>. Events of other types leave it unchanged.</summary>
    public static InstanceState Evolve(InstanceState state, object @event) => @event switch
    {
        InstanceRequested requested => new InstanceState(InstanceStatus.Requested, requested.InstanceId, requested.SagaId, null, null, null, null)
        {
            Image = requested.Image,
        },
        InstanceStarted started => state with { Status = InstanceStatus.Started, Endpoint = started.Endpoint },
        InstanceStartFailed failed => state with { Status = InstanceStatus.StartFailed, FailureReason = failed.Reason },
        InstanceStopped stopped => state with { Status = InstanceStatus.Stopped, StopReason = stopped.Reason, Update = null },
        InstanceStoppedBeforeRequest stopped => new InstanceState(InstanceStatus.Stopped, stopped.InstanceId, stopped.SagaId, null, null, stopped.Reason, null),
        InstanceLost lost => state with { Status = InstanceStatus.Lost, LossReason = lost.Reason, Update = null },
        InstanceUpdateRequested requested => state with { Update = new PendingUpdate(requested.SagaId, requested.Image) },
        InstanceUpdated updated => state with { Image = updated.Image, Endpoint = updated.Endpoint, Update = null },
        InstanceUpdateFailed => state with { Update = null },
        _ => state,
    };

    /// <summary>Returns the state after all of <paramref name="events"/>.</summary>
    public static InstanceState Fold(InstanceState state, IEnumerable<object> events) => events.Aggregate(state, Evolve);

    /// <summary>Returns the events <paramref name="command"/> causes in <paramref name="state"/> at <paramref name="now"/>.</summary>
    public static IReadOnlyList<object> Decide(InstanceState state, InstanceCommand command, DateTimeOffset now) => command switch
    {
        RequestInstance request => Request(state, request, now),
        CompleteStart complete => CompleteStart(state, complete, now),
        FailStart fail => FailStart(state, fail, now),
        StopInstance stop => Stop(state, stop, now),
        LoseInstance lose => Lose(state, lose, now),
        RequestUpdate request => RequestUpdate(state, request, now),
        CompleteUpdate complete => CompleteUpdate(state, complete, now),
        FailUpdate fail => FailUpdate(state, fail, now),
        _ => throw new ArgumentException($"The instance decider does not handle {command.GetType().Name}.", nameof(command)),
    };

    // A repeated request for a known instance changes nothing, and its reply follows from the state. A request that cannot
    // be started is recorded together with its failure, so the saga gets a reply and the audit trail shows why.
    private static IReadOnlyList<object> Request(InstanceState state, RequestInstance request, DateTimeOffset now)
    {
        if (state.Status != InstanceStatus.None)
        {
            return [];
        }

        var requested = new InstanceRequested(
            request.InstanceId,
            request.SagaId,
            request.Service,
            request.Node,
            request.Address,
            request.Image,
            request.CpuMillicores,
            request.MemoryMiB,
            now);
        return FindProblem(request) is { } problem
            ? [requested, new InstanceStartFailed(request.InstanceId, problem, now)]
            : [requested];
    }

    private static string? FindProblem(RequestInstance request)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(request.Service))
        {
            problems.Add("the service name is empty");
        }

        if (string.IsNullOrWhiteSpace(request.Image))
        {
            problems.Add("the image is empty");
        }

        if (string.IsNullOrWhiteSpace(request.Node))
        {
            problems.Add("the node is empty");
        }

        if (string.IsNullOrWhiteSpace(request.Address))
        {
            problems.Add("the address is empty");
        }

        if (request.CpuMillicores <= 0)
        {
            problems.Add($"the CPU request is {request.CpuMillicores} millicores but must be positive");
        }

        if (request.MemoryMiB <= 0)
        {
            problems.Add($"the memory request is {request.MemoryMiB} MiB but must be positive");
        }

        return problems.Count == 0
            ? null
            : $"The request for instance {request.InstanceId} is invalid: {string.Join("; ", problems)}. Send StartInstances with a service, image, node, address and positive CPU and memory.";
    }

    // Only a starting instance can finish starting: one that was stopped meanwhile stays stopped.
    private static IReadOnlyList<object> CompleteStart(InstanceState state, CompleteStart complete, DateTimeOffset now) =>
        state.Status == InstanceStatus.Requested
            ? [new InstanceStarted(complete.InstanceId, complete.Endpoint, now)]
            : [];

    private static IReadOnlyList<object> FailStart(InstanceState state, FailStart fail, DateTimeOffset now) =>
        state.Status == InstanceStatus.Requested
            ? [new InstanceStartFailed(fail.InstanceId, fail.Reason, now)]
            : [];

    // An update in progress ends with the instance, so its saga gets a failure rather than waiting for its deadline.
    // Redeliveries can reorder a saga's messages, so a stop before the request is recorded and the late request starts nothing.
    private static IReadOnlyList<object> Stop(InstanceState state, StopInstance stop, DateTimeOffset now) => state.Status switch
    {
        InstanceStatus.Requested or InstanceStatus.Started or InstanceStatus.StartFailed =>
            [.. EndUpdate(state, $"Instance {stop.InstanceId} was stopped during the update: {stop.Reason}", now), new InstanceStopped(stop.InstanceId, stop.Reason, now)],
        InstanceStatus.None => [new InstanceStoppedBeforeRequest(stop.InstanceId, stop.SagaId, stop.Reason, now)],
        _ => [],
    };

    // Only an instance that is starting or running can go down with its node; a failed, stopped or lost one has nothing
    // left to lose.
    private static IReadOnlyList<object> Lose(InstanceState state, LoseInstance lose, DateTimeOffset now) =>
        state.Status is InstanceStatus.Requested or InstanceStatus.Started
            ? [.. EndUpdate(state, $"Instance {lose.InstanceId} was lost during the update: {lose.Reason}", now), new InstanceLost(lose.InstanceId, lose.Reason, now)]
            : [];

    // Only a running instance with no update in progress and another image is updated. InstanceUpdateReplies builds the
    // reply to every other request from the state, so a repeated request restarts nothing.
    private static IReadOnlyList<object> RequestUpdate(InstanceState state, RequestUpdate request, DateTimeOffset now) =>
        state.Status == InstanceStatus.Started
        && state.Update is null
        && !string.IsNullOrWhiteSpace(request.Image)
        && request.Image != state.Image
            ? [new InstanceUpdateRequested(request.InstanceId, request.SagaId, request.Image, now)]
            : [];

    // An outcome counts only for the update in progress: a late outcome of an earlier update changes nothing.
    private static IReadOnlyList<object> CompleteUpdate(InstanceState state, CompleteUpdate complete, DateTimeOffset now) =>
        state.Status == InstanceStatus.Started && state.Update is { } update && update.Image == complete.Image
            ? [new InstanceUpdated(complete.InstanceId, update.SagaId, complete.Image, complete.Endpoint, now)]
            : [];

    private static IReadOnlyList<object> FailUpdate(InstanceState state, FailUpdate fail, DateTimeOffset now) =>
        state.Status == InstanceStatus.Started && state.Update is { } update && update.Image == fail.Image
            ? [new InstanceUpdateFailed(fail.InstanceId, update.SagaId, fail.Image, fail.Reason, now)]
            : [];

    private static IEnumerable<object> EndUpdate(InstanceState state, string reason, DateTimeOffset now) =>
        state.Update is { } update
            ? [new InstanceUpdateFailed(state.InstanceId, update.SagaId, update.Image, reason, now)]
            : [];
}
