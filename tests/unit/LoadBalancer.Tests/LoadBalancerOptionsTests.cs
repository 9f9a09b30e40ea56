using System.ComponentModel.DataAnnotations;

namespace Surge.LoadBalancer.Tests;

public class LoadBalancerOptionsTests
{
    private static List<ValidationResult> Validate(LoadBalancerOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Validate_Defaults_Pass()
    {
        var options = new LoadBalancerOptions();

        Assert.Empty(Validate(options));
        Assert.Equal("http://127.0.0.1:5090", options.DataPlaneUrl);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RefreshInterval);
        Assert.Equal("RoundRobin", options.LoadBalancingPolicy);
        Assert.Equal(TimeSpan.FromMilliseconds(200), options.DrainCheckInterval);
    }

    [Theory]
    [InlineData("https://127.0.0.1:5090")]
    [InlineData("http://127.0.0.1:5090/proxy")]
    [InlineData("127.0.0.1:5090")]
    [InlineData("not a url")]
    [InlineData("http://127.0.0.1:5090/?x=1")]
    public void Validate_BadDataPlaneUrl_NamesKey(string url)
    {
        var error = Assert.Single(Validate(new LoadBalancerOptions { DataPlaneUrl = url }));

        Assert.Contains("LoadBalancer:DataPlaneUrl", error.ErrorMessage);
        Assert.Contains(url, error.ErrorMessage);
        Assert.Equal([nameof(LoadBalancerOptions.DataPlaneUrl)], error.MemberNames);
    }

    [Fact]
    public void Validate_MissingDataPlaneUrl_NamesKey()
    {
        var error = Assert.Single(Validate(new LoadBalancerOptions { DataPlaneUrl = "" }));

        Assert.Contains("LoadBalancer:DataPlaneUrl is missing", error.ErrorMessage);
    }

    [Theory]
    [InlineData("RoundRobin")]
    [InlineData("Random")]
    [InlineData("LeastRequests")]
    [InlineData("PowerOfTwoChoices")]
    [InlineData("FirstAlphabetical")]
    public void Validate_KnownPolicy_Passes(string policy) =>
        Assert.Empty(Validate(new LoadBalancerOptions { LoadBalancingPolicy = policy }));

    [Fact]
    public void Validate_UnknownPolicy_ListsKnownOnes()
    {
        var error = Assert.Single(Validate(new LoadBalancerOptions { LoadBalancingPolicy = "Weighted" }));

        Assert.Contains("LoadBalancer:LoadBalancingPolicy 'Weighted'", error.ErrorMessage);
        Assert.Contains("RoundRobin", error.ErrorMessage);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.050")]
    [InlineData("00:10:01")]
    public void Validate_RefreshIntervalOutOfRange_NamesKey(string interval)
    {
        var error = Assert.Single(Validate(new LoadBalancerOptions { RefreshInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Contains("LoadBalancer:RefreshInterval", error.ErrorMessage);
    }

    [Theory]
    [InlineData("00:00:00")]
    [InlineData("00:00:00.005")]
    [InlineData("00:01:01")]
    public void Validate_DrainCheckIntervalOutOfRange_NamesKey(string interval)
    {
        var error = Assert.Single(Validate(new LoadBalancerOptions { DrainCheckInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture) }));

        Assert.Contains("LoadBalancer:DrainCheckInterval", error.ErrorMessage);
    }
}
