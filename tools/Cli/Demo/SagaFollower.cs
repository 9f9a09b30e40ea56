using Surge.Cli.Http;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Demo;

/// <summary>Polls a saga and its events, printing each new event as it appears, until the saga finishes or time runs out.</summary>
internal sealed class SagaFollower(GatewayClient gateway, CliOutput output, TimeProvider time)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>The column width of the event phrase, so that summaries line up.</summary>
    private const int PhraseWidth = 30;

    private readonly HashSet<(string Service, long Sequence)> printed = [];
    private readonly HashSet<string> reportedErrors = [];

    /// <summary>Follows saga <paramref name="sagaId"/> for at most <paramref name="timeout"/>.</summary>
    /// <returns>The last saga view read, or null when the gateway never returned one; it is finished unless time ran out.</returns>
    public async Task<SagaView?> FollowAsync(string sagaId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        SagaView? saga = null;
        while (true)
        {
            // The view is read before the events, so the events of the step that finished the saga are printed too.
            saga = await PollAsync(sagaId, saga, cancellationToken);
            if (saga?.IsFinished == true || time.GetElapsedTime(started) >= timeout)
            {
                return saga;
            }

            await Task.Delay(PollInterval, time, cancellationToken);
        }
    }

    private async Task<SagaView?> PollAsync(string sagaId, SagaView? previous, CancellationToken cancellationToken)
    {
        try
        {
            var saga = await gateway.FindSagaAsync(sagaId, cancellationToken) ?? previous;
            PrintNewEvents(await gateway.GetSagaEventsAsync(sagaId, cancellationToken));
            return saga;
        }
        catch (Exception exception) when (exception is GatewayProblemException or ServiceUnreachableException)
        {
            // A service that restarts or lags returns errors for a moment, so polling goes on until the timeout.
            if (reportedErrors.Add(exception.Message))
            {
                output.ErrorLine(Text.Format(Strings.DemoPollFailed, exception.Message));
            }

            return previous;
        }
    }

    private void PrintNewEvents(IReadOnlyList<AuditEventView> events)
    {
        var fresh = events
            .Where(stored => printed.Add((stored.Service, stored.Sequence)))
            .OrderBy(stored => stored.Timestamp)
            .ThenBy(stored => stored.Sequence);
        foreach (var stored in fresh)
        {
            var phrase = EventPhrases.Describe(stored.Type);
            var padding = new string(' ', Math.Max(1, PhraseWidth - TextTable.DisplayWidth(phrase)));
            var line = "  " + TimeFormat.TimeOfDay(stored.Timestamp, time.LocalTimeZone) + "  " + phrase + padding
                + EventDataSummary.Summarize(stored.Data);
            output.Line(line.TrimEnd());
        }
    }
}
