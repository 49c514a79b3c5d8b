namespace Watch.Tests.Parsing.Senat;

internal static class SenatFixtures
{
    public static string PathOf(params string[] parts) =>
        Path.Combine([AppContext.BaseDirectory, "fixtures", "senat", .. parts]);

    public static Stream Open(params string[] parts) => File.OpenRead(PathOf(parts));

    public static byte[] Bytes(params string[] parts) => File.ReadAllBytes(PathOf(parts));
}
