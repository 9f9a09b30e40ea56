using System.Net;
using System.Text.Json;
using Surge.Cli.Http;
using Surge.Cli.Output;

namespace Surge.Cli.Tests;

public class AllocationsCommandTests
{
    private static readonly string Sample = CliRun.Data("ipam-allocations.json");

    [Fact]
    public async Task NoFilter_SendsGetWithoutQuery()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        var (exitCode, output, _) = await CliRun.RunAsync(handler, "allocations", "--gateway", "http://127.0.0.1:6080/surge");

        Assert.Equal(ExitCodes.Success, exitCode);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(new Uri("http://127.0.0.1:6080/surge/api/ipam/allocations"), request.RequestUri);
        Assert.Equal("", body);
        Assert.Contains("3f6c2a9e-5d1b-4c7e-9a2f-0b8d7e6c5a41", output);
    }

    [Fact]
    public async Task Filters_AreSentAsQuery()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, "[]");

        await CliRun.RunAsync(handler, "allocations", "--subnet", "feed-net", "--address", "FD00::2", "--instance", "3F6C2A9E-5D1B-4C7E-9A2F-0B8D7E6C5A41", "--node", "feed-node-1");

        Assert.Equal(
            "?instanceId=3f6c2a9e-5d1b-4c7e-9a2f-0b8d7e6c5a41&node=feed-node-1&subnet=feed-net&address=fd00%3A%3A2",
            handler.Requests[0].Request.RequestUri!.Query);
    }

    [Fact]
    public async Task Json_PrintsResponseAsItIs()
    {
        var (_, output, _) = await CliRun.RunAsync(new RecordingHandler(HttpStatusCode.OK, Sample), "allocations", "--json");

        Assert.Equal(Sample.Trim() + Environment.NewLine, output);
    }

    [Theory]
    [InlineData("allocations", "--instance", "abc")]
    [InlineData("allocations", "--address", "10.1")]
    [InlineData("allocations", "--node")]
    [InlineData("allocations", "--node=")]
    [InlineData("allocations", "--pool", "feed-pool")]
    [InlineData("allocations", "feed-net")]
    public async Task InvalidCommandLine_SendsNothing(params string[] commandLine)
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        var (exitCode, _, error) = await CliRun.RunAsync(handler, commandLine);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Empty(handler.Requests);
        Assert.Contains("surge-cli allocations --help", error);
    }

    [Fact]
    public async Task BadRequest_PrintsFieldError()
    {
        const string problem = """{"title":"The request is invalid.","status":400,"errors":{"address":["'10.20.0.300' is not an IPv4 or IPv6 address."]}}""";
        var handler = new RecordingHandler(HttpStatusCode.BadRequest, problem, "application/problem+json");

        var (exitCode, _, error) = await CliRun.RunAsync(handler, "allocations", "--subnet", "feed-net");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("HTTP 400", error);
        Assert.Contains("address: '10.20.0.300' is not an IPv4 or IPv6 address.", error);
    }

    [Fact]
    public void Print_English_ShowsEveryAllocation()
    {
        var printed = Render(Sample, "en", unfiltered: true);

        Assert.Equal(
            """
              SUBNET       ADDRESS     BLOCK          INSTANCE                              NODE          SINCE
              -----------  ----------  -------------  ------------------------------------  ------------  -----------------------
              cloud-eni    10.40.0.17  10.40.0.16/28  5b7e9c3d-2a1f-4d8b-a6e0-1c4f7b2d9e83  cloud-node-2  2026-12-05 01:50:45.878
              dc-underlay  10.30.1.1   10.30.1.0/27   c2e5b8a1-0f4d-4e6a-b3c7-9d1e2f8a6b04  b-node-1      2026-12-05 01:50:45.864
              feed-net     10.20.0.3   10.20.0.0/28   3f6c2a9e-5d1b-4c7e-9a2f-0b8d7e6c5a41  feed-node-1   2026-12-05 01:50:45.844

            """,
            printed);
    }

    [Fact]
    public void Print_OtherZone_ShowsLocalTime()
    {
        var zone = TimeZoneInfo.CreateCustomTimeZone("UTC+8", TimeSpan.FromHours(8), "UTC+8", "UTC+8");
        var allocations = JsonSerializer.Deserialize<AllocationView[]>(Sample, JsonHttp.SerializerOptions)!;

        var printed = CliRun.Render("en", output => AllocationsPrinter.Print(output, allocations, unfiltered: true, zone));

        Assert.Contains("2026-12-05 09:50:45.844", printed);
    }

    [Fact]
    public void Print_Chinese_AlignsWideHeaders()
    {
        var printed = Render(Sample, "zh-CN", unfiltered: true);

        Assert.Contains("  子网         地址        地址块         实例                                  节点          分配时间", printed);
        Assert.Contains("  feed-net     10.20.0.3   10.20.0.0/28   3f6c2a9e-5d1b-4c7e-9a2f-0b8d7e6c5a41  feed-node-1   2026-12-05 01:50:45.844", printed);
    }

    [Theory]
    [InlineData("en", true, "No address is allocated.\n")]
    [InlineData("en", false, "No live allocation matches the filters.\n")]
    [InlineData("zh-CN", true, "没有已分配的地址。\n")]
    [InlineData("zh-CN", false, "没有符合过滤条件的地址分配。\n")]
    public void Print_None_SaysSo(string language, bool unfiltered, string message)
    {
        Assert.Equal(message, Render("[]", language, unfiltered));
    }

    private static string Render(string json, string language, bool unfiltered)
    {
        var allocations = JsonSerializer.Deserialize<AllocationView[]>(json, JsonHttp.SerializerOptions)!;
        return CliRun.Render(language, output => AllocationsPrinter.Print(output, allocations, unfiltered, TimeZoneInfo.Utc));
    }
}
