using Surge.Cli.Commands;
using Surge.Cli.Http;
using Surge.Cli.Resources;

namespace Surge.Cli.Output;

/// <summary>Prints rollouts: the one just started or steered, one in detail, a list, and how a followed one ended.</summary>
/// <remarks>Statuses, steps, phases, strategies and outcomes stay the API's values, so they match the guide in every language.</remarks>
internal static class RolloutPrinter
{
    private const string Missing = "-";

    /// <summary>Prints the id of the rollout just started, what it does, and how to follow it unless <c>--wait</c> does.</summary>
    public static void Started(CliOutput output, RolloutView rollout, bool following)
    {
        output.Line(Text.Format(Strings.RolloutStarted, rollout.RolloutId));
        output.Line(Text.Format(Strings.RolloutService, rollout.Service));
        output.Line(Text.Format(Strings.RolloutImage, rollout.Image));
        output.Line(Text.Format(Strings.RolloutStrategy, rollout.Strategy));
        output.Line(Text.Format(Strings.RolloutBatchSizeRequested, rollout.RequestedBatchSize ?? Missing));
        output.Line(Text.Format(Strings.RolloutStatus, rollout.Status));
        if (!following)
        {
            output.Line(Text.Format(Strings.RolloutFollowHint, rollout.RolloutId));
        }
    }

    /// <summary>Prints a rollout's status, step, sizes, batches and instances.</summary>
    public static void Rollout(CliOutput output, RolloutView rollout, TimeZoneInfo zone)
    {
        output.Line(Text.Format(Strings.RolloutHeading, rollout.RolloutId));
        output.Line(Text.Format(Strings.RolloutService, rollout.Service));
        output.Line(Text.Format(Strings.RolloutImage, rollout.Image));
        output.Line(Text.Format(Strings.RolloutStrategy, rollout.Strategy));
        output.Line(Text.Format(Strings.RolloutStatus, rollout.Status));
        output.Line(Text.Format(Strings.RolloutStep, rollout.Step ?? Missing));
        output.Line(rollout.BatchSize > 0
            ? Text.Format(Strings.RolloutBatchSize, rollout.RequestedBatchSize ?? Missing, rollout.BatchSize, rollout.MaxUnavailable)
            : Text.Format(Strings.RolloutBatchSizeRequested, rollout.RequestedBatchSize ?? Missing));
        output.Line(Text.Format(Strings.RolloutFailures, rollout.FailedCount, rollout.FailureThreshold));
        output.Line(Text.Format(Strings.RolloutRequested, Time(rollout.RequestedAt, zone), rollout.RequestedBy ?? Missing));
        output.Line(Text.Format(Strings.RolloutFinishedAt, Time(rollout.FinishedAt, zone)));
        if (rollout.PauseRequested)
        {
            output.Line(Strings.RolloutPauseRequested);
        }

        if (!string.IsNullOrWhiteSpace(rollout.Reason))
        {
            output.Line(Text.Format(Strings.RolloutReason, rollout.Reason));
        }

        Batches(output, rollout, zone);
        Instances(output, rollout);
    }

    /// <summary>Prints one row per rollout, newest first as the gateway lists them.</summary>
    public static void List(CliOutput output, IReadOnlyList<RolloutView> rollouts, string? service, TimeZoneInfo zone)
    {
        if (rollouts.Count == 0)
        {
            output.Line(service is null ? Strings.RolloutListNone : Text.Format(Strings.RolloutListNoneForService, service));
            return;
        }

        var rows = rollouts.Select(rollout => (IReadOnlyList<string>)
            [rollout.RolloutId, rollout.Service, rollout.Status, rollout.Strategy, rollout.Image, Time(rollout.RequestedAt, zone)]);
        output.Table(
            [Strings.ColumnRollout, Strings.ColumnService, Strings.ColumnStatus, Strings.ColumnStrategy, Strings.ColumnImage, Strings.ColumnRequested],
            rows);
    }

    /// <summary>Prints what the gateway accepted for <paramref name="command"/> and the status the rollout has now.</summary>
    public static void Steered(CliOutput output, string command, RolloutView rollout)
    {
        var template = command switch
        {
            RolloutSteerCommand.Pause => Strings.RolloutPauseAccepted,
            RolloutSteerCommand.Resume => Strings.RolloutResumeAccepted,
            RolloutSteerCommand.Abort => Strings.RolloutAbortAccepted,
            _ => Strings.RolloutRollbackAccepted,
        };
        output.Line(Text.Format(template, rollout.RolloutId, rollout.Status));
    }

    /// <summary>Prints how a followed rollout ended and returns the exit code: success only for <c>Completed</c>.</summary>
    public static int Finished(CliOutput output, RolloutView rollout)
    {
        if (rollout.Status == RolloutView.Completed)
        {
            output.Line(Text.Format(Strings.RolloutCompleted, rollout.RolloutId, rollout.FailedCount));
            return ExitCodes.Success;
        }

        output.ErrorLine(Text.Format(Strings.RolloutNotCompleted, rollout.RolloutId, rollout.Status, rollout.Reason ?? Missing));
        return ExitCodes.Failure;
    }

    private static void Batches(CliOutput output, RolloutView rollout, TimeZoneInfo zone)
    {
        var batches = rollout.Batches ?? [];
        if (batches.Count == 0)
        {
            output.Line(Strings.RolloutNoBatches);
            return;
        }

        output.Line(Strings.RolloutBatches);
        var recreate = rollout.Strategy == RolloutView.Recreate;
        IReadOnlyList<string> headers = recreate
            ? [Strings.ColumnBatch, Strings.ColumnRollingBack, Strings.ColumnStarted, Strings.ColumnEnded, Strings.ColumnOutcome, Strings.ColumnScaleOutSaga, Strings.ColumnScaleInSaga]
            : [Strings.ColumnBatch, Strings.ColumnRollingBack, Strings.ColumnStarted, Strings.ColumnEnded, Strings.ColumnOutcome];
        var rows = batches.Select(batch =>
        {
            List<string> row =
            [
                Number(batch.Number), YesNo(batch.RollingBack), Time(batch.StartedAt, zone), Time(batch.EndedAt, zone), batch.Outcome ?? Missing,
            ];
            if (recreate)
            {
                row.AddRange([batch.ScaleOutSagaId ?? Missing, batch.ScaleInSagaId ?? Missing]);
            }

            return (IReadOnlyList<string>)row;
        });
        output.Table(headers, rows);
    }

    private static void Instances(CliOutput output, RolloutView rollout)
    {
        var instances = rollout.Instances ?? [];
        if (instances.Count == 0)
        {
            output.Line(Strings.RolloutNoInstances);
            return;
        }

        output.Line(Strings.RolloutInstances);
        var recreate = rollout.Strategy == RolloutView.Recreate;
        IReadOnlyList<string> headers = recreate
            ? [Strings.ColumnInstance, Strings.ColumnNode, Strings.ColumnPhase, Strings.ColumnImage, Strings.ColumnPreviousImage, Strings.ColumnReplacementOf, Strings.ColumnFailure]
            : [Strings.ColumnInstance, Strings.ColumnNode, Strings.ColumnPhase, Strings.ColumnImage, Strings.ColumnPreviousImage, Strings.ColumnFailure];
        var rows = instances.Select(instance =>
        {
            List<string> row = [instance.InstanceId, instance.Node ?? Missing, instance.Phase, instance.Image ?? Missing, instance.PreviousImage ?? Missing];
            if (recreate)
            {
                row.Add(instance.ReplacementOf ?? Missing);
            }

            row.Add(string.IsNullOrWhiteSpace(instance.Failure) ? Missing : instance.Failure);
            return (IReadOnlyList<string>)row;
        });
        output.Table(headers, rows);
    }

    private static string Number(int value) => value.ToString(System.Globalization.CultureInfo.CurrentCulture);

    private static string YesNo(bool value) => value ? Strings.Yes : Strings.No;

    private static string Time(DateTimeOffset? time, TimeZoneInfo zone) =>
        time is null ? Missing : TimeFormat.DateAndTime(time.Value, zone);
}
