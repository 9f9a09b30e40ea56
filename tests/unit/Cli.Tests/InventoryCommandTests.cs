using System.Globalization;
using System.Net;
using System.Text.Json;
using Surge.Cli.Http;
using Surge.Cli.Output;

namespace Surge.Cli.Tests;

public class InventoryCommandTests
{
    private static readonly string Sample = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Data", "inventory-feed-api.json"));

    [Fact]
    public async Task ServiceOnly_SendsGet()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        var (exitCode, output, _) = await RunAsync(handler, "inventory", "feed-api", "--gateway", "http://127.0.0.1:6080");

        Assert.Equal(ExitCodes.Success, exitCode);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(new Uri("http://127.0.0.1:6080/api/inventory/feed-api"), request.RequestUri);
        Assert.Equal("", body);
        Assert.Contains("Instances that still fit on existing nodes: 20", output);
    }

    [Fact]
    public async Task ServiceName_IsEscaped()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        await RunAsync(handler, "inventory", "feed api/v2");

        Assert.Equal("/api/inventory/feed%20api%2Fv2", handler.Requests[0].Request.RequestUri!.AbsolutePath);
    }

    [Fact]
    public async Task ShapeOnly_PostsShape()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        var (exitCode, _, _) = await RunAsync(handler, "inventory", "--cpu", "500", "--memory", "512");

        Assert.Equal(ExitCodes.Success, exitCode);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, request.Method);
        Assert.Equal(new Uri("http://127.0.0.1:5080/api/inventory"), request.RequestUri);
        Assert.Equal("application/json", request.Content!.Headers.ContentType!.ToString());
        Assert.Equal("""{"shape":{"cpuMillicores":500,"memoryMiB":512}}""", body);
    }

    [Fact]
    public async Task ServiceShapeAndStrategy_PostsAll()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        await RunAsync(handler, "inventory", "feed-api", "--cpu", "250", "--memory", "256", "--strategy", "pack");

        Assert.Equal(
            """{"shape":{"cpuMillicores":250,"memoryMiB":256},"service":"feed-api","strategy":"pack"}""",
            handler.Requests[0].Body);
    }

    [Fact]
    public async Task StrategyWithService_PostsWithoutShape()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        await RunAsync(handler, "inventory", "feed-api", "--strategy", "spread");

        Assert.Equal(HttpMethod.Post, handler.Requests[0].Request.Method);
        Assert.Equal("""{"service":"feed-api","strategy":"spread"}""", handler.Requests[0].Body);
    }

    [Fact]
    public async Task Json_PrintsResponseAsItIs()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        var (exitCode, output, _) = await RunAsync(handler, "inventory", "feed-api", "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(Sample.Trim() + Environment.NewLine, output);
    }

    [Theory]
    [InlineData("inventory")]
    [InlineData("inventory", "--cpu", "500")]
    [InlineData("inventory", "--cpu", "0", "--memory", "512")]
    [InlineData("inventory", "feed-api", "--strategy", "random")]
    [InlineData("inventory", "feed-api", "--json=true")]
    public async Task InvalidCommandLine_SendsNothing(params string[] commandLine)
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        var (exitCode, _, error) = await RunAsync(handler, commandLine);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Empty(handler.Requests);
        Assert.Contains("surge-cli inventory --help", error);
    }

    [Fact]
    public async Task UnknownService_PrintsProblemAndFails()
    {
        const string problem = """{"title":"Not found","status":404,"detail":"Service 'nope' is not declared."}""";
        var handler = new RecordingHandler(HttpStatusCode.NotFound, problem, "application/problem+json");

        var (exitCode, output, error) = await RunAsync(handler, "inventory", "nope");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal("", output);
        Assert.Contains("HTTP 404", error);
        Assert.Contains("Service 'nope' is not declared.", error);
    }

    [Fact]
    public async Task Help_ListsInventory()
    {
        var (_, output, _) = await RunAsync(new RecordingHandler(HttpStatusCode.OK, "{}"), "help");

        Assert.Contains("  inventory    Show how many more instances", output);
    }

    [Fact]
    public async Task InventoryHelp_ShowsUsage()
    {
        var (exitCode, output, _) = await RunAsync(new RecordingHandler(HttpStatusCode.OK, "{}"), "inventory", "--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Contains("Usage: surge-cli inventory [SERVICE]", output);
    }

    [Fact]
    public void Print_English_ShowsTotalsCellsAndCloud()
    {
        var printed = Render(Sample, "en");

        Assert.Equal(
            """
            Inventory of service feed-api
              Shape: 500 millicores CPU, 512 MiB memory, 0 GiB disk, 0 MiB swap
              Spread limits: no limit per node, 12 per zone
              Instances that still fit on existing nodes: 20 (16 own, 4 borrowable, 0 on existing overflow nodes). The next one is limited by cpu.

            By pool, zone and source:
              POOL         ZONE    SOURCE    FITS  LIMIT      NODES
              -----------  ------  --------  ----  ---------  -----
              feed-pool    zone-a  own       8     cpu        1
              feed-pool    zone-b  own       8     cpu        1
              shared-pool  zone-a  borrowed  4     lendLimit  1

            New cloud nodes could add (not part of the totals above):
              PROVIDER       KIND     NODES LEFT  PER NODE  FITS
              -------------  -------  ----------  --------  ----
              private-cloud  private  20          32        4
              public-cloud   public   0           32        0

            """,
            printed);
    }

    [Fact]
    public void Print_Chinese_AlignsWideHeaders()
    {
        var printed = Render(Sample, "zh-CN");

        Assert.Contains("服务 feed-api 的库存", printed);
        Assert.Contains("  分散限制：每个节点 不限，每个可用区 12", printed);
        Assert.Contains("  现有节点上还能放下 20 个实例：自有节点 16 个，可借用 4 个，已有溢出节点 0 个。下一个实例受 cpu 限制。", printed);
        Assert.Contains("  资源池       可用区  来源      可放下  限制       节点数", printed);
        Assert.Contains("  shared-pool  zone-a  borrowed  4       lendLimit  1", printed);
        Assert.Contains("  提供方         种类     剩余节点数  每节点可放下  可放下", printed);
    }

    [Theory]
    [InlineData("en", "Inventory of the shape in every pool", "No node is in any pool the shape may use.", "New cloud nodes: none")]
    [InlineData("zh-CN", "该 shape 在每个资源池中的库存", "该 shape 可用的资源池中没有任何节点。", "新的云节点：无")]
    public void Print_NoNodes_SaysNone(string language, string heading, string noCells, string noCloud)
    {
        const string empty = """
            {"service":null,"shape":{"cpuMillicores":500,"memoryMiB":512,"diskGiB":0,"swapMiB":0,"maxPerNode":null,"maxPerZone":null},
             "fits":0,"own":0,"borrowable":0,"overflow":0,"limit":"noNodes","cells":[],"cloudOverflow":[]}
            """;

        var printed = Render(empty, language);

        Assert.StartsWith(heading, printed);
        Assert.Contains(noCells, printed);
        Assert.Contains(noCloud, printed);
        Assert.Contains("noNodes", printed);
        Assert.DoesNotContain("Spread limits", printed);
        Assert.DoesNotContain("分散限制", printed);
    }

    private static string Render(string json, string language)
    {
        var report = JsonSerializer.Deserialize<InventoryReportView>(json, JsonHttp.SerializerOptions)!;
        var output = new StringWriter { NewLine = "\n" };
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            InventoryPrinter.Print(new CliOutput(output, new StringWriter()), report);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        return output.ToString();
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(HttpMessageHandler handler, params string[] commandLine)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var http = new HttpClient(handler);
        var context = new CliContext(new CliOutput(output, error), _ => null, TimeProvider.System, http, http);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            var exitCode = await CliApplication.RunAsync([.. commandLine, "--lang", "en"], context, CancellationToken.None);
            return (exitCode, output.ToString(), error.ToString());
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
