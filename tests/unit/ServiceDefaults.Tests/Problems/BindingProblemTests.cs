using Surge.ServiceDefaults.Problems;

namespace Surge.ServiceDefaults.Tests.Problems;

/// <summary>ASP.NET Core's binding failures become a field and the form to write.</summary>
public sealed class BindingProblemTests
{
    [Fact]
    public void Describe_BadTime_NamesFieldAndForm()
    {
        var (field, error) = BindingProblem.Describe("Failed to bind parameter \"Nullable<DateTimeOffset> asOf\" from \"garbage\".")!.Value;

        Assert.Equal("asOf", field);
        Assert.Equal("'garbage' is not valid for asOf: it must be a time in ISO 8601 form, such as 2026-12-05T14:00:00Z.", error);
    }

    [Fact]
    public void Describe_BadNumber_AsksForWholeNumber()
    {
        var (field, error) = BindingProblem.Describe("Failed to bind parameter \"Nullable<int> limit\" from \"ten\".")!.Value;

        Assert.Equal("limit", field);
        Assert.Contains("a whole number", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_MissingRouteValue_NamesField()
    {
        var (field, error) = BindingProblem.Describe("Required parameter \"string stream\" was not provided from route.")!.Value;

        Assert.Equal("stream", field);
        Assert.Equal("stream is missing: give a value in the route.", error);
    }

    [Fact]
    public void Describe_OtherMessage_IsNull()
    {
        Assert.Null(BindingProblem.Describe("Request body too large."));
    }
}
