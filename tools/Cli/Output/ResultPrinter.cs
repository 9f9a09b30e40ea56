using Surge.Cli.Http;
using Surge.Cli.Resources;

namespace Surge.Cli.Output;

/// <summary>Prints the gateway's responses: applied resources, alert outcomes and sagas.</summary>
internal static class ResultPrinter
{
    private const string Missing = "-";

    /// <summary>Prints one line per applied resource: kind, name and outcome.</summary>
    public static void Applied(CliOutput output, FleetApplyResult result)
    {
        if (result.Applied.Count == 0)
        {
            output.Line(Strings.ApplyNothingApplied);
            return;
        }

        var rows = result.Applied.Select(resource => (IReadOnlyList<string>)[resource.Kind, resource.Name, resource.Outcome]);
        output.Table([Strings.ColumnKind, Strings.ColumnName, Strings.ColumnOutcome], rows);
    }

    /// <summary>Prints one line per alert outcome: fingerprint, outcome, saga id and detail.</summary>
    public static void Outcomes(CliOutput output, AlertIntakeResponse response)
    {
        if (response.Outcomes.Count == 0)
        {
            output.Line(Strings.AlarmNoOutcomes);
            return;
        }

        foreach (var outcome in response.Outcomes)
        {
            output.Line(Text.Format(Strings.AlarmOutcomeLine, outcome.Fingerprint, outcome.Outcome, outcome.SagaId ?? Missing));
            if (!string.IsNullOrWhiteSpace(outcome.Detail))
            {
                output.Line("    " + outcome.Detail);
            }
        }
    }

    /// <summary>Prints a saga's status, timing and instances.</summary>
    public static void Saga(CliOutput output, SagaView saga, TimeZoneInfo zone)
    {
        output.Line(Text.Format(Strings.SagaHeading, saga.SagaId));
        output.Line(Text.Format(Strings.SagaService, saga.Service));
        output.Line(Text.Format(Strings.SagaStatus, saga.Status));
        output.Line(Text.Format(Strings.SagaRequested, saga.RequestedCount, Time(saga.RequestedAt, zone)));
        output.Line(Text.Format(Strings.SagaCompletedAt, Time(saga.CompletedAt, zone)));
        if (!string.IsNullOrWhiteSpace(saga.FailureReason))
        {
            output.Line(Text.Format(Strings.SagaFailureReason, saga.FailureReason));
        }

        var instances = saga.Instances ?? [];
        if (instances.Count == 0)
        {
            output.Line(Strings.SagaNoInstances);
            return;
        }

        output.Line(Strings.SagaInstances);
        var rows = instances.Select(instance => (IReadOnlyList<string>)
            [instance.InstanceId, instance.Node ?? Missing, instance.Address ?? Missing, instance.Endpoint ?? Missing]);
        output.Table([Strings.ColumnInstance, Strings.ColumnNode, Strings.ColumnAddress, Strings.ColumnEndpoint], rows);
    }

    private static string Time(DateTimeOffset? time, TimeZoneInfo zone) =>
        time is null ? Missing : TimeFormat.DateAndTime(time.Value, zone);
}
