using Surge.Cli.Http;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Demo;

/// <summary>Prints how the demo's requests spread over the instances, marking the ones the saga started.</summary>
internal static class TrafficReport
{
    private const string NewMarker = "*";

    public static void Print(CliOutput output, TrafficTally tally, SagaView? saga)
    {
        var sagaInstances = (saga?.Instances ?? []).ToDictionary(instance => instance.InstanceId, StringComparer.Ordinal);
        var instanceIds = tally.RequestsByInstance.Keys
            .Union(sagaInstances.Keys, StringComparer.Ordinal)
            .Order(StringComparer.Ordinal);

        var rows = instanceIds.Select(instanceId => (IReadOnlyList<string>)
        [
            sagaInstances.ContainsKey(instanceId) ? instanceId + " " + NewMarker : instanceId,
            Address(instanceId, tally, sagaInstances),
            tally.RequestsServedBy(instanceId).ToString(System.Globalization.CultureInfo.CurrentCulture),
        ]).ToList();

        if (rows.Count > 0)
        {
            output.Table([Strings.ColumnInstance, Strings.ColumnAddress, Strings.ColumnRequests], rows);
        }

        if (sagaInstances.Count > 0)
        {
            output.Line(Text.Format(Strings.TrafficNewMarkerLegend, NewMarker));
        }

        var served = tally.Sent - tally.FailuresByReason.Values.Sum();
        output.Line(Text.Format(Strings.TrafficTotals, tally.Sent, served, tally.RequestsByInstance.Count));
        foreach (var (reason, count) in tally.FailuresByReason)
        {
            output.Line(Text.Format(Strings.TrafficFailureLine, count, reason));
        }
    }

    private static string Address(string instanceId, TrafficTally tally, Dictionary<string, SagaInstanceView> sagaInstances)
    {
        if (tally.AddressByInstance.TryGetValue(instanceId, out var reported))
        {
            return reported;
        }

        return sagaInstances.TryGetValue(instanceId, out var instance) && instance.Address is { } address ? address : "-";
    }
}
