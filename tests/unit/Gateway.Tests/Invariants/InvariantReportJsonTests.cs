using System.Text.Json;
using Surge.Gateway.Invariants;

namespace Surge.Gateway.Tests.Invariants;

public sealed class InvariantReportJsonTests
{
    [Fact]
    public void Serialize_Report_UsesTheDocumentedFieldNames()
    {
        var instanceId = Guid.Parse("00000000-0000-0000-0000-00000000000a");
        var report = new InvariantReport(
            new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero),
            Clean: false,
            InFlightInstances: 2,
            new InvariantCounts(Reservations: 3, Allocations: 4, Instances: 5, Backends: 6),
            [new InvariantFinding(FindingKinds.ReservationLeaked, FindingKinds.Leak, [instanceId], "Node n holds resources.")]);

        var json = JsonSerializer.Serialize(report, JsonSerializerOptions.Web);

        const string expected = """
            {"checkedAt":"2025-03-01T12:00:00+00:00","clean":false,"inFlightInstances":2,"counts":{"reservations":3,"allocations":4,"instances":5,"backends":6},"findings":[{"kind":"reservation-leaked","severity":"leak","instanceIds":["00000000-0000-0000-0000-00000000000a"],"detail":"Node n holds resources."}]}
            """;
        Assert.Equal(
            expected,
            json);
    }

    [Fact]
    public void Deserialize_CapacityNode_ReadsSpecAndReservations()
    {
        const string node = """
            {"id":"node/n1","name":"n1","spec":{"pool":"p","zone":"z","rack":null,"cpuMillicores":4000,"memoryMiB":8192,"labels":null,"acceptsInstances":true},
             "reservations":[{"instanceId":"00000000-0000-0000-0000-00000000000a","sagaId":"00000000-0000-0000-0000-000000000c01","service":"s","cpuMillicores":500,"memoryMiB":512,"committed":true}],
             "freeCpuMillicores":3500,"freeMemoryMiB":7680}
            """;

        var record = JsonSerializer.Deserialize<NodeRecord>(node, JsonSerializerOptions.Web)!;

        Assert.Equal(new NodeCapacity(4000, 8192), record.Spec);
        var reservation = Assert.Single(record.Reservations);
        Assert.Equal(500, reservation.CpuMillicores);
        Assert.True(reservation.Committed);
    }

    [Fact]
    public void Deserialize_ProvisionerInstance_ReadsStatusAsText()
    {
        const string instance = """
            {"stream":"instance/x","instanceId":"00000000-0000-0000-0000-00000000000a","sagaId":"00000000-0000-0000-0000-000000000c01",
             "correlationId":"c","service":"s","node":"n1","address":"127.77.9.5","image":"i","cpuMillicores":500,"memoryMiB":512,
             "status":"Started","endpoint":"http://127.77.9.5:8080","requestedAt":"2025-03-01T12:00:00+00:00"}
            """;

        var record = JsonSerializer.Deserialize<InstanceRecord>(instance, JsonSerializerOptions.Web)!;

        Assert.True(record.IsStarted);
        Assert.True(record.IsLive);
        Assert.Equal("http://127.77.9.5:8080", record.Endpoint);
    }
}
