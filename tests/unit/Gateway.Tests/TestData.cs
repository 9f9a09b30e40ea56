namespace Surge.Gateway.Tests;

/// <summary>Reads the files under Data/ that the build copies next to the test assembly.</summary>
internal static class TestData
{
    public static byte[] Bytes(string relativePath) => File.ReadAllBytes(PathOf(relativePath));

    public static string Text(string relativePath) => File.ReadAllText(PathOf(relativePath));

    private static string PathOf(string relativePath) => Path.Combine(AppContext.BaseDirectory, "Data", relativePath);
}
