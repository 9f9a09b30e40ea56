using System.Net;
using System.Text.Json;
using Surge.Cli.Http;
using Surge.Cli.Output;

namespace Surge.Cli.Tests;

public class SubnetsCommandTests
{
    private static readonly string Sample = CliRun.Data("ipam-subnets.json");

    [Fact]
    public async Task Subnets_SendsGet()
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        var (exitCode, output, error) = await CliRun.RunAsync(handler, "subnets", "--gateway", "http://127.0.0.1:6080");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal("", error);
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Get, request.Method);
        Assert.Equal(new Uri("http://127.0.0.1:6080/api/ipam/subnets"), request.RequestUri);
        Assert.Equal("", body);
        Assert.Contains("feed-net", output);
    }

    [Fact]
    public async Task Json_PrintsResponseAsItIs()
    {
        var (exitCode, output, _) = await CliRun.RunAsync(new RecordingHandler(HttpStatusCode.OK, Sample), "subnets", "--json");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.Equal(Sample.Trim() + Environment.NewLine, output);
    }

    [Theory]
    [InlineData("subnets", "feed-net")]
    [InlineData("subnets", "--subnet", "feed-net")]
    [InlineData("subnets", "--json=true")]
    [InlineData("subnets", "--gateway", "ftp://127.0.0.1")]
    public async Task InvalidCommandLine_SendsNothing(params string[] commandLine)
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, Sample);

        var (exitCode, _, error) = await CliRun.RunAsync(handler, commandLine);

        Assert.Equal(ExitCodes.Usage, exitCode);
        Assert.Empty(handler.Requests);
        Assert.Contains("surge-cli subnets --help", error);
    }

    [Fact]
    public async Task Unauthorized_PrintsStatusAndFails()
    {
        var handler = new RecordingHandler(HttpStatusCode.Unauthorized, """{"title":"Unauthorized","status":401}""", "application/problem+json");

        var (exitCode, output, error) = await CliRun.RunAsync(handler, "subnets");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Equal("", output);
        Assert.Contains("HTTP 401", error);
        Assert.Contains("Unauthorized", error);
    }

    [Fact]
    public async Task UnexpectedBody_NamesTheRequest()
    {
        var (exitCode, _, error) = await CliRun.RunAsync(new RecordingHandler(HttpStatusCode.OK, """{"name":"feed-net"}"""), "subnets");

        Assert.Equal(ExitCodes.Failure, exitCode);
        Assert.Contains("/api/ipam/subnets", error);
    }

    [Fact]
    public void Print_English_ShowsCountsPerSubnet()
    {
        var printed = Render(Sample, "en");

        Assert.Equal(
            """
              NAME         CIDR          MODE      USABLE  ALLOCATED  QUARANTINED  WARM  FREE  CONFLICTS
              -----------  ------------  --------  ------  ---------  -----------  ----  ----  ---------
              cloud-eni    10.40.0.0/20  eni       4094    1          1            29    4092  0
              dc-underlay  10.30.0.0/22  underlay  1022    1          1            93    1020  0
              feed-net     10.20.0.0/24  macvlan   253     1          2            27    250   0

            """,
            printed);
    }

    [Fact]
    public void Print_Chinese_AlignsWideHeaders()
    {
        var printed = Render(Sample, "zh-CN");

        Assert.Contains("  名称         CIDR          模式      可用  已分配  隔离中  预热  空闲  冲突", printed);
        Assert.Contains("  feed-net     10.20.0.0/24  macvlan   253   1       2       27    250   0", printed);
    }

    [Theory]
    [InlineData("en", "Subnets with open address conflicts: feed-net (2), v6-net (1). Run 'surge-cli conflicts' to list them.")]
    [InlineData("zh-CN", "存在未解决地址冲突的子网：feed-net (2), v6-net (1)。运行 'surge-cli conflicts' 查看。")]
    public void Print_Conflicts_NamesSubnets(string language, string footer)
    {
        const string json = """
            [{"name":"feed-net","cidr":"10.20.0.0/24","layout":{"mode":"macvlan"},"utilisation":{"usable":"253","allocated":3,"quarantined":0,"warm":11,"free":"250"},"conflicts":2},
             {"name":"quiet-net","cidr":"10.21.0.0/24","layout":{"mode":"macvlan"},"utilisation":{"usable":"254","allocated":0,"quarantined":0,"warm":0,"free":"254"},"conflicts":0},
             {"name":"v6-net","cidr":"fd00::/64","layout":{"mode":"macvlan"},"utilisation":{"usable":"18446744073709551615","allocated":1,"quarantined":0,"warm":15,"free":"18446744073709551614"},"conflicts":1}]
            """;

        var printed = Render(json, language);

        Assert.EndsWith("\n\n" + footer + "\n", printed);
        Assert.Contains("18446744073709551614", printed);
        Assert.DoesNotContain("quiet-net (", printed);
    }

    [Theory]
    [InlineData("en", "No subnet is defined.")]
    [InlineData("zh-CN", "尚未定义任何子网。")]
    public void Print_None_SaysSo(string language, string message)
    {
        var printed = Render("[]", language);

        Assert.StartsWith(message, printed);
        Assert.Equal(1, printed.Count(character => character == '\n'));
    }

    private static string Render(string json, string language)
    {
        var subnets = JsonSerializer.Deserialize<SubnetView[]>(json, JsonHttp.SerializerOptions)!;
        return CliRun.Render(language, output => SubnetsPrinter.Print(output, subnets));
    }
}
