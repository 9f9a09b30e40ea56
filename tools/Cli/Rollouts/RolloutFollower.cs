using Surge.Cli.Http;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Rollouts;

/// <summary>Reads a rollout every second and prints each change, until the rollout reaches a final status.</summary>
internal sealed class RolloutFollower(GatewayClient gateway, CliOutput output, TimeProvider time)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private readonly HashSet<string> reportedErrors = [];

    /// <summary>Follows the rollout from its first reading <paramref name="started"/> and returns its final reading.</summary>
    /// <remarks>There is no timeout, because a rollout may pause for hours. Ctrl+C stops following, but the rollout goes on.</remarks>
    public async Task<RolloutView> FollowAsync(RolloutView started, CancellationToken cancellationToken)
    {
        Print(RolloutChanges.Between(null, started));
        var current = started;
        while (!current.IsFinished)
        {
            await Task.Delay(PollInterval, time, cancellationToken);
            if (await PollAsync(current.RolloutId, cancellationToken) is { } next)
            {
                Print(RolloutChanges.Between(current, next));
                current = next;
            }
        }

        return current;
    }

    private async Task<RolloutView?> PollAsync(string rolloutId, CancellationToken cancellationToken)
    {
        try
        {
            return await gateway.GetRolloutAsync(rolloutId, cancellationToken);
        }
        catch (Exception exception) when (exception is ServiceUnreachableException or GatewayProblemException { Status: >= 500 })
        {
            // A restarting gateway or Rollout service returns errors for a moment, while the rollout goes on.
            if (reportedErrors.Add(exception.Message))
            {
                output.ErrorLine(Text.Format(Strings.RolloutPollFailed, exception.Message));
            }

            return null;
        }
    }

    private void Print(IReadOnlyList<string> lines)
    {
        var stamp = TimeFormat.TimeOfDay(time.GetUtcNow(), time.LocalTimeZone);
        foreach (var line in lines)
        {
            output.Line("  " + stamp + "  " + line);
        }
    }
}
