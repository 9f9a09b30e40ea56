using System.Globalization;
using Surge.Cli.Resources;

namespace Surge.Cli.Arguments;

/// <summary>The <c>--lang</c> option, which every command accepts and which overrides the language taken from LANG or LC_ALL.</summary>
internal static class LanguageOption
{
    /// <summary>Returns the UI culture a <c>--lang</c> value names, or null for a value this tool has no texts for.</summary>
    public static CultureInfo? CultureFor(string value) => value.ToLowerInvariant() switch
    {
        "en" or "en-us" or "en-gb" or "c" => CultureInfo.GetCultureInfo("en"),
        "zh" or "zh-cn" or "zh_cn" or "zh-hans" or "zh-hans-cn" => CultureInfo.GetCultureInfo("zh-CN"),
        _ => null,
    };

    /// <summary>Removes <c>--lang VALUE</c> or <c>--lang=VALUE</c> from <paramref name="arguments"/> and returns the culture it names, or null when absent.</summary>
    public static CultureInfo? Extract(List<string> arguments)
    {
        CultureInfo? culture = null;
        for (var index = 0; index < arguments.Count; index++)
        {
            string value;
            if (arguments[index] == "--lang")
            {
                if (index + 1 >= arguments.Count)
                {
                    throw new UsageException(Text.Format(Strings.UsageOptionNeedsValue, "--lang"));
                }

                value = arguments[index + 1];
                arguments.RemoveRange(index, 2);
            }
            else if (arguments[index].StartsWith("--lang=", StringComparison.Ordinal))
            {
                value = arguments[index]["--lang=".Length..];
                arguments.RemoveAt(index);
            }
            else
            {
                continue;
            }

            culture = CultureFor(value) ?? throw new UsageException(Text.Format(Strings.UsageInvalidLanguage, value));
            index--;
        }

        return culture;
    }
}
