using Surge.ServiceDefaults.Correlation;

namespace Surge.ServiceDefaults.Tests.Correlation;

public sealed class CorrelationContextTests
{
    [Theory]
    [InlineData("641eba447ba34a53af3dfa8b51366c83", true)]
    [InlineData("team-a:deploy.42_x", true)]
    [InlineData("", false)]
    [InlineData(null, false)]
    [InlineData("has space", false)]
    [InlineData("line\nbreak", false)]
    [InlineData("中文", false)]
    public void IsAcceptable_Candidate_MatchesRule(string? candidate, bool expected)
    {
        Assert.Equal(expected, CorrelationContext.IsAcceptable(candidate));
    }

    [Fact]
    public void IsAcceptable_LongerThanMax_IsRejected()
    {
        Assert.False(CorrelationContext.IsAcceptable(new string('a', CorrelationContext.MaxLength + 1)));
        Assert.True(CorrelationContext.IsAcceptable(new string('a', CorrelationContext.MaxLength)));
    }
}
