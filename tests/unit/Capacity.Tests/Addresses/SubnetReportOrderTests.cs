using Surge.Capacity.Addresses;
using Surge.Contracts.Addresses;

namespace Surge.Capacity.Tests.Addresses;

public sealed class SubnetReportOrderTests
{
    private static readonly DateTimeOffset Then = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

    private static SubnetAddressesRecorded Held(long version, long taken, DateTimeOffset? reportedAt) =>
        new("feed-net", ["feed-pool"], [], 253, taken, version, Then, reportedAt);

    private static SubnetAddressesReported Report(long version, long taken, DateTimeOffset at) =>
        new("feed-net", ["feed-pool"], [], 253, taken, version, at);

    [Fact]
    public void NewerVersion_Supersedes() =>
        Assert.True(Held(21, 13, Then).IsSupersededBy(Report(22, 13, Then)));

    [Fact]
    public void OlderVersion_DoesNotSupersede() =>
        Assert.False(Held(21, 13, Then).IsSupersededBy(Report(20, 8, Then.AddMinutes(1))));

    [Fact]
    public void SameVersionLaterWithFewerTaken_Supersedes() =>
        Assert.True(Held(21, 13, Then).IsSupersededBy(Report(21, 8, Then.AddMinutes(5))));

    [Fact]
    public void SameVersionEarlier_DoesNotSupersede() =>
        Assert.False(Held(21, 8, Then.AddMinutes(5)).IsSupersededBy(Report(21, 13, Then)));

    [Fact]
    public void SameVersionSameCounts_DoesNotSupersede() =>
        Assert.False(Held(21, 13, Then).IsSupersededBy(Report(21, 13, Then.AddMinutes(5))));

    [Fact]
    public void RecordWithoutReportTime_TakesSameVersionWithOtherCounts() =>
        Assert.True(Held(21, 13, null).IsSupersededBy(Report(21, 8, Then)));
}
