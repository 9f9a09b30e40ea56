using System.Net;
using System.Text.Json;
using Surge.Cli.Http;
using Surge.Cli.Output;

namespace Surge.Cli.Tests;

public class ConflictsCommandTests
{
    private static readonly string Sample = CliRun.Data("ipam-conflicts.json");

    [Fact]
    public async Task NoSubnet_SendsGetWithoutQuery()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        var (exitCode, output, _) = await CliRun.RunAsync(handler, "conflicts");

        Assert.Equal(ExitCodes.Success, exitCode);
        var (request, _) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(new Uri("http://127.0.0.1:5080/api/ipam/conflicts"), request.RequestUri);
        Assert.Contains("10.30.0.77", output);
    }

    [Fact]
    public async Task Subnet_IsSentAsQuery()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, "[]");

        var (_, output, _) = await CliRun.RunAsync(handler, "conflicts", "--subnet", "feed net");

        Assert.Equal("?subnet=feed%20net", handler.Requests[0].Request.RequestUri!.Query);
        Assert.Equal("No open address conflicts in subnet feed net, or no subnet has that name." + Environment.NewLine, output);
    }

    [Fact]
    public async Task Json_PrintsResponseAsItIs()
    {
        var (_, output, _) = await CliRun.RunAsync(new RecordingHandler(HttpStatusCode.OK, Sample), "conflicts", "--json");

        Assert.Equal(Sample.Trim() + Environment.NewLine, output);
    }

    [Theory]
    [InlineData("conflicts", "--subnet")]
    [InlineData("conflicts", "--subnet=")]
    [InlineData("conflicts", "feed-net")]
    [InlineData("conflicts", "--node", "feed-node-1")]
    public async Task InvalidCommandLine_SendsNothing(params string[] commandLine)
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        var (exitCode, _, error) = await CliRun.RunAsync(handler, commandLine);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Empty(handler.Requests);
        Assert.Contains("surge-cli conflicts --help", error);
    }

    [Fact]
    public void Print_English_ShowsReasonUnderEachRow()
    {
        var printed = Render(Sample, "en");

        Assert.Equal(
            """
              SUBNET       ADDRESS     INSTANCE                              NODE         HELD BY                               FOUND AT
              -----------  ----------  ------------------------------------  -----------  ------------------------------------  -----------------------
              dc-underlay  10.30.0.77  0b9e4c1d-6a2f-4e8b-9c3d-7f1a2b3c4d5e  a-node-2     -                                     2026-12-05 01:49:30.500
                  instance 0b9e4c1d-6a2f-4e8b-9c3d-7f1a2b3c4d5e of service search-api uses 10.30.0.77 on node 'a-node-2', which lies in no block Ipam gave out
              feed-net     10.20.0.3   6d3f1e2a-8b4c-4d5e-9f60-7a1b2c3d4e5f  feed-node-2  3f6c2a9e-5d1b-4c7e-9a2f-0b8d7e6c5a41  2026-12-05 01:52:10.125
                  Ipam allocated 10.20.0.3 to instance 3f6c2a9e-5d1b-4c7e-9a2f-0b8d7e6c5a41, but instance 6d3f1e2a-8b4c-4d5e-9f60-7a1b2c3d4e5f of service feed-api uses it on node 'feed-node-2'

            Stop the instance that should not use the address where it runs, or release Ipam's allocation of an instance that no longer runs with DELETE /api/ipam/allocations/instances/{instanceId}. The "Reconciliation" section of docs/guide/ipam.md explains each case.

            """,
            printed);
    }

    [Fact]
    public void Print_Chinese_KeepsReasonAndTranslatesHeaders()
    {
        var printed = Render(Sample, "zh-CN");

        Assert.Contains("  子网         地址        实例                                  节点         分配给                                发现时间", printed);
        Assert.Contains("      Ipam allocated 10.20.0.3 to instance", printed);
        Assert.Contains("docs/guide/ipam.zh-CN.md", printed);
    }

    [Theory]
    [InlineData("en", "No open address conflicts.\n")]
    [InlineData("zh-CN", "没有未解决的地址冲突。\n")]
    public void Print_None_SaysSo(string language, string message)
    {
        Assert.Equal(message, Render("[]", language));
    }

    private static string Render(string json, string language)
    {
        var conflicts = JsonSerializer.Deserialize<ConflictView[]>(json, JsonHttp.SerializerOptions)!;
        return CliRun.Render(language, output => ConflictsPrinter.Print(output, conflicts, subnet: null, TimeZoneInfo.Utc));
    }
}
