using System.Text.Json;
using Surge.Cli.Http;
using Surge.Cli.Output;

namespace Surge.Cli.Tests;

public class RolloutPrinterTests
{
    private static readonly RolloutView Drained = Read("rollout-drained.json");

    private static readonly RolloutView Recreate = Read("rollout-recreate.json");

    [Fact]
    public void Show_English_PrintsBatchesAndInstances()
    {
        var printed = CliRun.Render("en", output => RolloutPrinter.Rollout(output, Drained, TimeZoneInfo.Utc));

        Assert.Equal(
            """
            Rollout 0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d
              Service:         feed-api
              Image:           registry.local/feed-api:1.1.0
              Strategy:        drained-in-place
              Status:          Running
              Step:            Update
              Batch size:      50%: 2 per batch, at most 2 unavailable
              Failed:          1; the rollback starts at 2
              Requested:       2026-12-05 10:00:00.000 by alice (surge-cli)
              Finished at:     -
              Pause:           requested; it takes effect when the current batch ends
              Batches:
              BATCH  ROLLBACK  STARTED                  ENDED                    OUTCOME
              -----  --------  -----------------------  -----------------------  -------
              1      no        2026-12-05 10:00:01.000  2026-12-05 10:00:41.500  passed
              2      no        2026-12-05 10:00:42.000  -                        -
              Instances:
              INSTANCE                              NODE    PHASE     IMAGE                          PREVIOUS IMAGE                 FAILURE
              ------------------------------------  ------  --------  -----------------------------  -----------------------------  -------------------------
              11111111-1111-1111-1111-111111111111  node-a  Updated   registry.local/feed-api:1.1.0  registry.local/feed-api:1.0.0  -
              22222222-2222-2222-2222-222222222222  node-b  Failed    registry.local/feed-api:1.0.0  registry.local/feed-api:1.0.0  not ready within 00:01:00
              33333333-3333-3333-3333-333333333333  node-c  Updating  registry.local/feed-api:1.0.0  registry.local/feed-api:1.0.0  -

            """,
            printed);
    }

    [Fact]
    public void Show_Chinese_TranslatesLabelsAndKeepsApiValues()
    {
        var printed = CliRun.Render("zh-CN", output => RolloutPrinter.Rollout(output, Drained, TimeZoneInfo.Utc));

        Assert.Equal(
            """
            发布 0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d
              服务：            feed-api
              镜像：            registry.local/feed-api:1.1.0
              策略：            drained-in-place
              状态：            Running
              步骤：            Update
              批次大小：        50%：每批 2 个，最多 2 个不可用
              失败：            1；达到 2 时开始回滚
              请求：            2026-12-05 10:00:00.000，请求者 alice (surge-cli)
              结束于：          -
              暂停：            已请求；在当前批次结束时生效
              批次：
              批次  回滚  开始                     结束                     结果
              ----  ----  -----------------------  -----------------------  ------
              1     否    2026-12-05 10:00:01.000  2026-12-05 10:00:41.500  passed
              2     否    2026-12-05 10:00:42.000  -                        -
              实例：
              实例                                  节点    阶段      镜像                           之前的镜像                     失败原因
              ------------------------------------  ------  --------  -----------------------------  -----------------------------  -------------------------
              11111111-1111-1111-1111-111111111111  node-a  Updated   registry.local/feed-api:1.1.0  registry.local/feed-api:1.0.0  -
              22222222-2222-2222-2222-222222222222  node-b  Failed    registry.local/feed-api:1.0.0  registry.local/feed-api:1.0.0  not ready within 00:01:00
              33333333-3333-3333-3333-333333333333  node-c  Updating  registry.local/feed-api:1.0.0  registry.local/feed-api:1.0.0  -

            """,
            printed);
    }

    [Fact]
    public void Show_Recreate_AddsSagasAndReplacements()
    {
        var printed = CliRun.Render("en", output => RolloutPrinter.Rollout(output, Recreate, TimeZoneInfo.Utc));

        Assert.Equal(
            """
            Rollout 0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0e
              Service:         feed-api
              Image:           registry.local/feed-api:2.0.0
              Strategy:        recreate
              Status:          Completed
              Step:            None
              Batch size:      1: 1 per batch, at most 1 unavailable
              Failed:          0; the rollback starts at 1
              Requested:       2026-12-05 10:00:00.000 by -
              Finished at:     2026-12-05 10:01:00.000
              Batches:
              BATCH  ROLLBACK  STARTED                  ENDED                    OUTCOME  SCALE-OUT SAGA                        SCALE-IN SAGA
              -----  --------  -----------------------  -----------------------  -------  ------------------------------------  ------------------------------------
              1      no        2026-12-05 10:00:01.000  2026-12-05 10:00:59.000  passed   aaaaaaaa-0000-0000-0000-000000000001  bbbbbbbb-0000-0000-0000-000000000001
              Instances:
              INSTANCE                              NODE    PHASE     IMAGE                          PREVIOUS IMAGE                 REPLACES                              FAILURE
              ------------------------------------  ------  --------  -----------------------------  -----------------------------  ------------------------------------  -------
              11111111-1111-1111-1111-111111111111  node-a  Replaced  registry.local/feed-api:1.0.0  registry.local/feed-api:1.0.0  -                                     -
              44444444-4444-4444-4444-444444444444  node-d  Updated   registry.local/feed-api:2.0.0  registry.local/feed-api:1.0.0  11111111-1111-1111-1111-111111111111  -

            """,
            printed);
    }

    [Fact]
    public void List_English_PrintsOneRowPerRollout()
    {
        var printed = CliRun.Render("en", output => RolloutPrinter.List(output, [Drained, Recreate], null, TimeZoneInfo.Utc));

        Assert.Equal(
            """
              ROLLOUT                               SERVICE   STATUS     STRATEGY          IMAGE                          REQUESTED
              ------------------------------------  --------  ---------  ----------------  -----------------------------  -----------------------
              0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d  feed-api  Running    drained-in-place  registry.local/feed-api:1.1.0  2026-12-05 10:00:00.000
              0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0e  feed-api  Completed  recreate          registry.local/feed-api:2.0.0  2026-12-05 10:00:00.000

            """,
            printed);
    }

    [Fact]
    public void List_Chinese_AlignsWideHeaders()
    {
        var printed = CliRun.Render("zh-CN", output => RolloutPrinter.List(output, [Drained], null, TimeZoneInfo.Utc));

        Assert.Equal(
            """
              发布                                  服务      状态     策略              镜像                           请求时间
              ------------------------------------  --------  -------  ----------------  -----------------------------  -----------------------
              0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d  feed-api  Running  drained-in-place  registry.local/feed-api:1.1.0  2026-12-05 10:00:00.000

            """,
            printed);
    }

    [Theory]
    [InlineData("en", null, "No rollouts.\n")]
    [InlineData("en", "feed-api", "No rollouts of service feed-api.\n")]
    [InlineData("zh-CN", "feed-api", "服务 feed-api 没有发布。\n")]
    public void List_None_SaysSo(string language, string? service, string expected)
    {
        Assert.Equal(expected, CliRun.Render(language, output => RolloutPrinter.List(output, [], service, TimeZoneInfo.Utc)));
    }

    [Theory]
    [InlineData("pause", "发布 0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d 将在下一批之前暂停。状态：Running。\n")]
    [InlineData("rollback", "发布 0193a5c4-7d2e-7b3f-9c1a-5e6f7a8b9c0d 正在回滚到之前的镜像。状态：Running。\n")]
    public void Steered_Chinese_IsTranslated(string command, string expected)
    {
        Assert.Equal(expected, CliRun.Render("zh-CN", output => RolloutPrinter.Steered(output, command, Drained)));
    }

    private static RolloutView Read(string file) =>
        JsonSerializer.Deserialize<RolloutView>(CliRun.Data(file), JsonHttp.SerializerOptions)!;
}
