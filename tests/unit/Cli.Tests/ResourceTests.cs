using System.Collections;
using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Surge.Cli.Output;
using Surge.Cli.Resources;

namespace Surge.Cli.Tests;

public partial class ResourceTests
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-Hans");

    [Fact]
    public void Keys_English_AllExistInChinese()
    {
        var missing = English().Keys.Except(ChineseTexts().Keys).ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void Keys_Chinese_AllExistInEnglish()
    {
        var extra = ChineseTexts().Keys.Except(English().Keys).ToList();

        Assert.Empty(extra);
    }

    [Fact]
    public void Texts_BothLanguages_AreNotEmpty()
    {
        var empty = English().Concat(ChineseTexts()).Where(text => string.IsNullOrWhiteSpace(text.Value)).Select(text => text.Key);

        Assert.Empty(empty);
    }

    [Fact]
    public void Placeholders_BothLanguages_AreTheSame()
    {
        var chinese = ChineseTexts();
        var mismatched = English()
            .Where(text => chinese.ContainsKey(text.Key) && !Placeholders(text.Value).SetEquals(Placeholders(chinese[text.Key])))
            .Select(text => text.Key);

        Assert.Empty(mismatched);
    }

    [Fact]
    public void EventPhrases_KnownTypes_HaveBothTexts()
    {
        var english = English();
        var chinese = ChineseTexts();
        var missing = EventPhrases.KnownTypes
            .Select(type => EventPhrases.KeyPrefix + type)
            .Where(key => !english.ContainsKey(key) || !chinese.ContainsKey(key));

        Assert.Empty(missing);
    }

    [Fact]
    public void ZhCnCulture_Lookup_GivesChinese()
    {
        // LANG=zh_CN.UTF-8 gives the UI culture zh-CN, whose parent culture zh-Hans contains the texts.
        var text = Strings.ResourceManager.GetString(nameof(Strings.DemoStepVerdict), CultureInfo.GetCultureInfo("zh-CN"));

        Assert.Equal(ChineseTexts()[nameof(Strings.DemoStepVerdict)], text);
        Assert.NotEqual(English()[nameof(Strings.DemoStepVerdict)], text);
    }

    private static Dictionary<string, string> English() => Texts(CultureInfo.InvariantCulture);

    private static Dictionary<string, string> ChineseTexts() => Texts(Chinese);

    private static Dictionary<string, string> Texts(CultureInfo culture)
    {
        var set = Strings.ResourceManager.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
            ?? throw new InvalidOperationException($"No resources for culture '{culture.Name}'.");
        return set.Cast<DictionaryEntry>().ToDictionary(entry => (string)entry.Key, entry => (string)entry.Value!);
    }

    private static HashSet<string> Placeholders(string text) =>
        PlaceholderPattern().Matches(text).Select(match => match.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();
}
