using System.Globalization;
using System.Text.Json;

namespace Surge.Benchmarks.AlarmStorm;

/// <summary>One incident of the storm: a service and the alert that fires for it.</summary>
public sealed record StormIncident(int Index, string Service, string AlertName, DateTimeOffset StartsAt);

/// <summary>
/// The storm: the incidents, spread over the services in turn, and the order the notifications carry them in. Every
/// incident is sent once in the first half of the storm, in a shuffled order, and the remaining notifications repeat
/// incidents chosen at random, so most of them are repeats.
/// </summary>
public sealed class StormPlan
{
    private StormPlan(IReadOnlyList<StormIncident> incidents, IReadOnlyList<StormIncident> order)
    {
        Incidents = incidents;
        Order = order;
    }

    /// <summary>The distinct incidents.</summary>
    public IReadOnlyList<StormIncident> Incidents { get; }

    /// <summary>The incident each notification carries, in sending order.</summary>
    public IReadOnlyList<StormIncident> Order { get; }

    /// <summary>The name of the service with the given index.</summary>
    public static string ServiceName(int index) => $"storm-{index + 1:D2}";

    /// <summary>Builds the plan for the settings.</summary>
    public static StormPlan Create(AlarmStormSettings settings, DateTimeOffset startsAt)
    {
        var incidents = Enumerable.Range(0, settings.Incidents)
            .Select(i => new StormIncident(i, ServiceName(i % settings.Services), $"StormBurst{i / settings.Services + 1}", startsAt))
            .ToList();
        var random = new Random(settings.Seed);
        var firsts = incidents.OrderBy(_ => random.Next()).ToList();
        var repeats = Enumerable.Range(0, settings.Notifications - incidents.Count).Select(_ => incidents[random.Next(incidents.Count)]).ToList();

        // The first sends sit in the first half of the storm, each followed by a share of the repeats.
        var order = new List<StormIncident>(settings.Notifications);
        var repeatsPerFirst = Math.Max(0, Math.Min(repeats.Count, settings.Notifications / 2 - incidents.Count) / incidents.Count);
        var next = 0;
        foreach (var first in firsts)
        {
            order.Add(first);
            for (var r = 0; r < repeatsPerFirst && next < repeats.Count; r++)
            {
                order.Add(repeats[next++]);
            }
        }

        order.AddRange(repeats.Skip(next));
        return new StormPlan(incidents, order);
    }

    /// <summary>Returns an Alertmanager webhook body (version 4) with the incident's alert firing.</summary>
    public static string Body(StormIncident incident)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["alertname"] = incident.AlertName,
            ["service"] = incident.Service,
            ["severity"] = "page",
        };
        var alert = new
        {
            status = "firing",
            labels,
            annotations = new { summary = $"{incident.AlertName} on {incident.Service}" },
            startsAt = incident.StartsAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            endsAt = "0001-01-01T00:00:00Z",
            generatorURL = "http://127.0.0.1:9090/graph",
        };
        return JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["receiver"] = "surge",
            ["status"] = "firing",
            ["alerts"] = new[] { alert },
            ["groupLabels"] = new { alertname = incident.AlertName },
            ["commonLabels"] = labels,
            ["commonAnnotations"] = new { },
            ["externalURL"] = "http://127.0.0.1:9093",
            ["version"] = "4",
            ["groupKey"] = $"{{}}:{{alertname=\"{incident.AlertName}\"}}",
            ["truncatedAlerts"] = 0,
        });
    }

    /// <summary>Returns the fleet file: per service a pool with one node, a /24 subnet, the service and a policy selecting its service label.</summary>
    public static string Fleet(AlarmStormSettings settings)
    {
        var documents = Enumerable.Range(0, settings.Services).Select(index =>
        {
            var service = ServiceName(index);
            return $$"""
                apiVersion: surge/v1
                kind: Pool
                metadata: {name: {{service}}-pool}
                spec: {lendsIdleCapacity: false}
                ---
                apiVersion: surge/v1
                kind: Node
                metadata: {name: {{service}}-node}
                spec: {pool: {{service}}-pool, zone: zone-a, rack: r1, cpuMillicores: 1000000, memoryMiB: 4000000}
                ---
                apiVersion: surge/v1
                kind: Subnet
                metadata: {name: {{service}}-net}
                spec: {cidr: 127.91.{{index}}.0/24, gateway: 127.91.{{index}}.1, pools: [{{service}}-pool]}
                ---
                apiVersion: surge/v1
                kind: Service
                metadata: {name: {{service}}}
                spec: {pool: {{service}}-pool, image: registry.local/{{service}}:1.0.0, shape: {cpuMillicores: 100, memoryMiB: 128}, maxInstances: 200}
                ---
                apiVersion: surge/v1
                kind: AlertPolicy
                metadata: {name: {{service}}-storm}
                spec: {service: {{service}}, match: {service: {{service}}}, scaleOut: {by: 1}, cooldown: 0s}
                """;
        });
        return string.Join("\n---\n", documents);
    }
}
