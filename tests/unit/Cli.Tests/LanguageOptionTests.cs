using Surge.Cli.Arguments;

namespace Surge.Cli.Tests;

public class LanguageOptionTests
{
    [Theory]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh", "zh-CN")]
    [InlineData("en", "en")]
    public void Extract_KnownLanguage_ReturnsCultureAndRemovesOption(string value, string culture)
    {
        var arguments = new List<string> { "saga", "--lang", value, "abc" };

        var selected = LanguageOption.Extract(arguments);

        Assert.Equal(culture, selected!.Name);
        Assert.Equal(new List<string> { "saga", "abc" }, arguments);
    }

    [Fact]
    public void Extract_EqualsForm_IsAccepted()
    {
        var arguments = new List<string> { "--lang=zh-CN", "help" };

        Assert.Equal("zh-CN", LanguageOption.Extract(arguments)!.Name);
        Assert.Equal(new List<string> { "help" }, arguments);
    }

    [Fact]
    public void Extract_Absent_ReturnsNull()
    {
        Assert.Null(LanguageOption.Extract(["help"]));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("")]
    public void Extract_UnsupportedLanguage_IsUsageError(string value)
    {
        Assert.Throws<UsageException>(() => LanguageOption.Extract(["help", "--lang", value]));
    }

    [Fact]
    public void Extract_MissingValue_IsUsageError()
    {
        Assert.Throws<UsageException>(() => LanguageOption.Extract(["help", "--lang"]));
    }
}
