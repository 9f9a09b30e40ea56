using Surge.Capacity.Resources;
using Surge.ServiceDefaults.Problems;

namespace Surge.Capacity.Tests.Resources;

public sealed class PlacementRulesTests
{
    private static IReadOnlyDictionary<string, string[]> ErrorsOf(Action<SpecErrors> check)
    {
        var errors = new SpecErrors();
        check(errors);
        try
        {
            errors.ThrowIfAny("Node", "feed-node-1");
            return new Dictionary<string, string[]>();
        }
        catch (RequestValidationException error)
        {
            return error.Errors;
        }
    }

    [Theory]
    [InlineData("a")]
    [InlineData("disktype")]
    [InlineData("Disk_Type.v2")]
    [InlineData("surge.io/gpu")]
    [InlineData("x/y")]
    [InlineData("0")]
    public void ValidateKey_ValidKey_AddsNoError(string key)
    {
        Assert.Empty(ErrorsOf(errors => PlacementRules.ValidateKey(errors, "spec.taints[0].key", key, "taint")));
    }

    [Fact]
    public void ValidateKey_MaxLengthKey_AddsNoError()
    {
        var key = $"{new string('p', 253)}/{new string('n', 63)}";

        Assert.Empty(ErrorsOf(errors => PlacementRules.ValidateKey(errors, "spec.taints[0].key", key, "taint")));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("-gpu")]
    [InlineData("gpu-")]
    [InlineData("gpu.")]
    [InlineData("disk type")]
    [InlineData("Surge.io/gpu")]
    [InlineData("surge.io/")]
    [InlineData("/gpu")]
    [InlineData("a/b/c")]
    [InlineData("surge_io/gpu")]
    [InlineData("ключ")]
    public void ValidateKey_InvalidKey_AddsErrorForField(string? key)
    {
        var errors = ErrorsOf(errors => PlacementRules.ValidateKey(errors, "spec.taints[0].key", key, "taint"));

        Assert.Equal(["spec.taints[0].key"], errors.Keys);
        Assert.StartsWith($"'{key}' is not a valid taint key.", Assert.Single(errors["spec.taints[0].key"]));
    }

    [Fact]
    public void ValidateKey_NameOver63Characters_AddsError()
    {
        Assert.NotEmpty(ErrorsOf(errors => PlacementRules.ValidateKey(errors, "key", new string('n', 64), "label")));
    }

    [Fact]
    public void ValidateKey_PrefixOver253Characters_AddsError()
    {
        Assert.NotEmpty(ErrorsOf(errors => PlacementRules.ValidateKey(errors, "key", $"{new string('p', 254)}/gpu", "label")));
    }

    [Fact]
    public void ValidateLabels_NoLabels_AddsNoError()
    {
        Assert.Empty(ErrorsOf(errors => PlacementRules.ValidateLabels(errors, "spec.labels", null)));
        Assert.Empty(ErrorsOf(errors => PlacementRules.ValidateLabels(errors, "spec.labels", new Dictionary<string, string>())));
    }

    [Fact]
    public void ValidateLabels_EmptyValue_AddsNoError()
    {
        Assert.Empty(ErrorsOf(errors => PlacementRules.ValidateLabels(errors, "spec.labels", new Dictionary<string, string> { ["gpu"] = "" })));
    }

    [Fact]
    public void ValidateLabels_NullValue_AddsError()
    {
        var errors = ErrorsOf(errors => PlacementRules.ValidateLabels(errors, "spec.labels", new Dictionary<string, string> { ["gpu"] = null! }));

        Assert.Equal(["spec.labels.gpu"], errors.Keys);
        Assert.Equal("The value of label 'gpu' must be a string of at most 63 characters.", Assert.Single(errors["spec.labels.gpu"]));
    }

    [Fact]
    public void ValidateLabels_BadKeyAndValue_AddsTwoErrors()
    {
        var errors = ErrorsOf(errors => PlacementRules.ValidateLabels(errors, "spec.labels", new Dictionary<string, string> { ["-x"] = new string('v', 64) }));

        Assert.Equal(["spec.labels.-x"], errors.Keys);
        Assert.Equal(2, errors["spec.labels.-x"].Length);
        Assert.Contains("is not a valid label key", errors["spec.labels.-x"][0]);
        Assert.Contains("at most 63 characters", errors["spec.labels.-x"][1]);
    }
}
