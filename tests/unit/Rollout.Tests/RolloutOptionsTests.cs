using System.ComponentModel.DataAnnotations;
using Surge.Rollout.Saga;

namespace Surge.Rollout.Tests;

public sealed class RolloutOptionsTests
{
    [Fact]
    public void Defaults_AreValid()
    {
        Assert.Empty(Errors(new RolloutOptions()));
    }

    [Fact]
    public void OutOfRange_NamesTheFullKey()
    {
        var options = new RolloutOptions
        {
            UpdateTimeout = TimeSpan.Zero,
            DefaultDrainTimeout = TimeSpan.FromHours(2),
            HttpCheckTimeout = TimeSpan.FromMilliseconds(10),
            RestoreWeight = 0,
        };

        Assert.Equal(
            ["Rollout:UpdateTimeout must be between 1 second and 6 hours.", "Rollout:DefaultDrainTimeout must be between 1 second and 1 hour.",
                "Rollout:HttpCheckTimeout must be between 100 ms and 5 minutes.", "Rollout:RestoreWeight must be between 1 and 1000."],
            Errors(options));
    }

    private static List<string?> Errors(RolloutOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return [.. results.Select(r => r.ErrorMessage)];
    }
}
