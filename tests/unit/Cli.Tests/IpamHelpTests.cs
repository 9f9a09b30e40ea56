using System.Net;

namespace Surge.Cli.Tests;

public class IpamHelpTests
{
    [Fact]
    public async Task Help_ListsIpamCommandsAligned()
    {
        var (_, output, _) = await CliRun.RunAsync(new RecordingHandler(HttpStatusCode.OK, "[]"), "help");

        Assert.Contains("  subnets      Show every subnet with its network mode and address counts.", output);
        Assert.Contains("  allocations  Show the addresses allocated to instances", output);
        Assert.Contains("  conflicts    Show addresses in use by an instance Ipam did not give them to.", output);
        Assert.Contains("  SURGE_API_KEY", output);
    }

    [Theory]
    [InlineData("subnets", "Usage: surge-cli subnets [--json] [--gateway URL]")]
    [InlineData("allocations", "Usage: surge-cli allocations [--instance ID] [--node NAME] [--subnet NAME] [--address ADDRESS]")]
    [InlineData("conflicts", "Usage: surge-cli conflicts [--subnet NAME] [--json] [--gateway URL]")]
    public async Task CommandHelp_ShowsUsageAndSendsNothing(string command, string usage)
    {
        var handler = new RecordingHandler(HttpStatusCode.OK, "[]");

        var (exitCode, output, _) = await CliRun.RunAsync(handler, command, "--help");

        Assert.Equal(ExitCodes.Success, exitCode);
        Assert.StartsWith(usage, output);
        Assert.Empty(handler.Requests);
    }

    [Theory]
    [InlineData("subnets", "用法：surge-cli subnets")]
    [InlineData("allocations", "用法：surge-cli allocations")]
    [InlineData("conflicts", "用法：surge-cli conflicts")]
    public void CommandHelp_Chinese_IsTranslated(string command, string usage)
    {
        var printed = CliRun.Render("zh-CN", output => Commands.HelpPrinter.Command(output.Output, Commands.CommandCatalog.Find(command)!));

        Assert.StartsWith(usage, printed);
        Assert.Contains("SURGE_API_KEY", printed);
    }
}
