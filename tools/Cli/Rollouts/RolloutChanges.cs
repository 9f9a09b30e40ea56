using Surge.Cli.Http;
using Surge.Cli.Resources;

namespace Surge.Cli.Rollouts;

/// <summary>Describes what changed between two readings of a rollout: its status or step, its batches, and each instance's phase.</summary>
internal static class RolloutChanges
{
    private const string Waiting = "Waiting";

    /// <summary>Returns one localized line per change from <paramref name="before"/> (null for the first reading) to <paramref name="after"/>.</summary>
    public static IReadOnlyList<string> Between(RolloutView? before, RolloutView after)
    {
        var lines = new List<string>();
        if (before is null || before.Status != after.Status || before.Step != after.Step)
        {
            lines.Add(Text.Format(Strings.RolloutProgressStatus, after.Status, after.Step ?? "-"));
        }

        var batchesBefore = (before?.Batches ?? []).ToDictionary(batch => (batch.Number, batch.RollingBack));
        foreach (var batch in after.Batches ?? [])
        {
            batchesBefore.TryGetValue((batch.Number, batch.RollingBack), out var earlier);
            lines.AddRange(BatchChanges(earlier, batch));
        }

        var phasesBefore = (before?.Instances ?? []).ToDictionary(instance => instance.InstanceId, instance => instance.Phase);
        foreach (var instance in after.Instances ?? [])
        {
            var known = phasesBefore.TryGetValue(instance.InstanceId, out var earlier);
            if (known ? earlier != instance.Phase : instance.Phase != Waiting)
            {
                lines.Add(InstanceLine(instance, known ? earlier : null));
            }
        }

        return lines;
    }

    private static IEnumerable<string> BatchChanges(RolloutBatchView? before, RolloutBatchView batch)
    {
        var direction = batch.RollingBack ? Strings.RolloutProgressRollingBack : "";
        if (before is null)
        {
            yield return Text.Format(Strings.RolloutProgressBatchStarted, batch.Number, batch.InstanceIds?.Count ?? 0, direction);
        }

        if (batch.ScaleOutSagaId is { } scaleOut && before?.ScaleOutSagaId != scaleOut)
        {
            yield return Text.Format(Strings.RolloutProgressScaleOut, batch.Number, scaleOut);
        }

        if (batch.ScaleInSagaId is { } scaleIn && before?.ScaleInSagaId != scaleIn)
        {
            yield return Text.Format(Strings.RolloutProgressScaleIn, batch.Number, scaleIn);
        }

        if (batch.EndedAt is not null && before?.EndedAt is null)
        {
            yield return Text.Format(Strings.RolloutProgressBatchEnded, batch.Number, direction, batch.Outcome ?? "-");
        }
    }

    private static string InstanceLine(RolloutInstanceView instance, string? previousPhase)
    {
        var phase = previousPhase is null ? instance.Phase : $"{previousPhase} → {instance.Phase}";
        var line = Text.Format(Strings.RolloutProgressInstance, instance.InstanceId, instance.Node ?? "-", phase, instance.Image ?? "-");
        if (instance.ReplacementOf is { } replaced)
        {
            line += Text.Format(Strings.RolloutProgressReplaces, replaced);
        }

        return string.IsNullOrWhiteSpace(instance.Failure) ? line : line + Text.Format(Strings.RolloutProgressFailure, instance.Failure);
    }
}
