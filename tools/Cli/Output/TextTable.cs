namespace Surge.Cli.Output;

/// <summary>Lays out rows in columns padded to the widest cell, counting the terminal columns each character takes.</summary>
internal static class TextTable
{
    private const string ColumnGap = "  ";

    /// <summary>Returns the header line, a rule of dashes, and one line per row, without trailing spaces.</summary>
    public static IReadOnlyList<string> Format(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        var widths = headers.Select(DisplayWidth).ToArray();
        foreach (var row in rows)
        {
            for (var column = 0; column < widths.Length && column < row.Count; column++)
            {
                widths[column] = Math.Max(widths[column], DisplayWidth(row[column]));
            }
        }

        var lines = new List<string>(rows.Count + 2)
        {
            Join(headers, widths),
            Join(widths.Select(width => new string('-', width)).ToArray(), widths),
        };
        lines.AddRange(rows.Select(row => Join(row, widths)));
        return lines;
    }

    /// <summary>Returns how many terminal columns <paramref name="text"/> takes: two for East Asian wide characters, one otherwise.</summary>
    public static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            width += IsWide(rune.Value) ? 2 : 1;
        }

        return width;
    }

    private static string Join(IReadOnlyList<string> cells, int[] widths)
    {
        var padded = cells.Select((cell, column) => cell + new string(' ', Math.Max(0, widths[column] - DisplayWidth(cell))));
        return string.Join(ColumnGap, padded).TrimEnd();
    }

    /// <summary>The wide and fullwidth ranges of Unicode's East Asian Width property that Chinese text uses.</summary>
    private static bool IsWide(int codePoint) =>
        codePoint is >= 0x1100 and <= 0x115F
            or >= 0x2E80 and <= 0x303E
            or >= 0x3041 and <= 0x33FF
            or >= 0x3400 and <= 0x4DBF
            or >= 0x4E00 and <= 0x9FFF
            or >= 0xA000 and <= 0xA4CF
            or >= 0xAC00 and <= 0xD7A3
            or >= 0xF900 and <= 0xFAFF
            or >= 0xFE30 and <= 0xFE4F
            or >= 0xFF00 and <= 0xFF60
            or >= 0xFFE0 and <= 0xFFE6
            or >= 0x20000 and <= 0x3FFFD;
}
