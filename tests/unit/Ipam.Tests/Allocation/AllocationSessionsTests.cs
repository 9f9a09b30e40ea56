using Npgsql;
using Surge.Ipam.Allocation;

namespace Surge.Ipam.Tests.Allocation;

/// <summary>The committer's connections skip the pool's reset and prepare repeated statements, unless the connection string sets otherwise.</summary>
public sealed class AllocationSessionsTests
{
    private const string Configured = "Host=127.0.0.1;Port=55432;Username=postgres;Database=surge";

    [Fact]
    public void ForAllocations_TurnsResetOffAndPreparesStatements()
    {
        var built = new NpgsqlConnectionStringBuilder(AllocationSessions.ForAllocations(Configured));

        Assert.True(built.NoResetOnClose);
        Assert.Equal(16, built.MaxAutoPrepare);
    }

    [Fact]
    public void ForAllocations_KeepsOtherSettings()
    {
        var built = new NpgsqlConnectionStringBuilder(AllocationSessions.ForAllocations(Configured + ";Maximum Pool Size=7"));

        Assert.Equal(("127.0.0.1", 55432, "postgres", "surge", 7), (built.Host, built.Port, built.Username, built.Database, built.MaxPoolSize));
    }

    [Theory]
    [InlineData("Max Auto Prepare=0", 0)]
    [InlineData("Max Auto Prepare=40", 40)]
    [InlineData("maxautoprepare=3", 3)]
    public void ForAllocations_StatedMaxAutoPrepare_IsKept(string setting, int expected)
    {
        var built = new NpgsqlConnectionStringBuilder(AllocationSessions.ForAllocations($"{Configured};{setting}"));

        Assert.Equal(expected, built.MaxAutoPrepare);
    }
}
