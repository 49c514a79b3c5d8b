using System.IO.Compression;
using Watch.Parsing;
using Watch.Sources;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>The zip checks shared by the archive sources, on files written to disk as the fetcher does.</summary>
public sealed class ArchivesTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"watch-archive-{Guid.NewGuid():N}.zip");

    public void Dispose() => File.Delete(_path);

    private static List<(string Name, byte[] Bytes)> Votes() => Recorded.Entries(Recorded.Fixtures("scrutins"));

    [Fact]
    public void The_entries_of_a_sound_archive_read_back_byte_for_byte()
    {
        File.WriteAllBytes(_path, OpenDataServer.Zip(Votes()));

        using var zip = Archives.OpenZip(_path, "Scrutins.json.zip");
        var entries = Archives.Files(zip).ToList();
        Assert.Equal(Votes().Select(v => v.Name), entries.Select(e => e.FullName));
        Assert.Equal(Votes().Select(v => v.Bytes), entries.Select(e => Archives.ReadEntry(e, e.FullName, 1024 * 1024)));
    }

    [Fact]
    public void A_damaged_byte_in_a_stored_entry_fails_its_CRC()
    {
        var bytes = OpenDataServer.Zip(Votes(), CompressionLevel.NoCompression);
        var at = bytes.AsSpan().IndexOf("\"syntheseVote\""u8);
        bytes[at + 3] ^= 0x01;
        File.WriteAllBytes(_path, bytes);

        using var zip = Archives.OpenZip(_path, "Scrutins.json.zip");
        var damaged = Archives.Files(zip).First();
        var e = Assert.Throws<ParseException>(() => Archives.ReadEntry(damaged, Archives.EntryName("Scrutins.json.zip", damaged), 1024 * 1024));
        Assert.StartsWith("Scrutins.json.zip!json/VTANR5L17V1.json", e.Input);
        Assert.Equal("corrupt zip entry: CRC-32 mismatch.", e.Problem);
    }

    [Fact]
    public void An_entry_over_the_cap_is_refused_before_it_is_inflated()
    {
        File.WriteAllBytes(_path, OpenDataServer.Zip(Votes()));
        using var zip = Archives.OpenZip(_path, "Scrutins.json.zip");

        var e = Assert.Throws<ParseException>(() => Archives.ReadEntry(Archives.Files(zip).First(), "e", 1000));
        Assert.Matches(@"^zip entry of \d+ bytes exceeds the 1000-byte limit\.$", e.Problem);
    }

    [Theory]
    [InlineData("", "not a zip archive: the file is empty.")]
    [InlineData("{\"scrutin\": {}}", "not a zip archive: the server sent JSON instead (starts with \"{\"scrutin\": {}}\").")]
    [InlineData("\u00ef\u00bb\u00bf  <?xml version=\"1.0\"?><error/>", "not a zip archive: the server sent an HTML or XML page instead (starts with \"<?xml version=\"1.0\"?><error/>\").")]
    [InlineData("GIF89a", "not a zip archive: unknown content (first bytes 474946383961).")]
    public void A_file_that_is_not_a_zip_says_what_it_is_instead(string content, string problem)
    {
        File.WriteAllBytes(_path, System.Text.Encoding.Latin1.GetBytes(content));
        var e = Assert.Throws<ParseException>(() => Archives.OpenZip(_path, "Agenda.json.zip"));
        Assert.Equal(("Agenda.json.zip", problem), (e.Input, e.Problem));
    }
}
