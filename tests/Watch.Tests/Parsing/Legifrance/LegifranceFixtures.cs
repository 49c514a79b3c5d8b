namespace Watch.Tests.Parsing.Legifrance;

internal static class LegifranceFixtures
{
    public static string PathOf(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "fixtures", "legifrance", .. parts]);

    public static Stream Open(params string[] parts) => File.OpenRead(PathOf(parts));

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(PathOf(parts));
}
