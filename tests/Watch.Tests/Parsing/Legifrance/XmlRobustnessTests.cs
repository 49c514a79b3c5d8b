using System.Net;
using System.Net.Sockets;
using System.Text;
using Watch.Parsing;
using Watch.Parsing.Legifrance;
using Watch.Parsing.Senat;

namespace Watch.Tests.Parsing.Legifrance;

public class XmlRobustnessTests
{
    private static MemoryStream Utf8(string s) => new(Encoding.UTF8.GetBytes(s));

    [Fact]
    public void Rejects_an_external_file_entity_without_reading_it()
    {
        var secret = Path.Combine(Path.GetTempPath(), $"watch-xxe-{Guid.NewGuid():N}.txt");
        File.WriteAllText(secret, "CANARY-XXE-SECRET");
        try
        {
            var payload = $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE ARTICLE [ <!ENTITY xxe SYSTEM "file://{secret}"> ]>
                <ARTICLE><META><META_COMMUN><ID>&xxe;</ID></META_COMMUN></META></ARTICLE>
                """;

            var e = Assert.Throws<ParseException>(() => DilaXmlReader.Read(Utf8(payload), "xxe-file.xml"));
            Assert.Equal("xxe-file.xml", e.Input);
            Assert.Contains("DTD", e.Message);
            Assert.DoesNotContain("CANARY", e.Message);
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void Rejects_an_external_http_entity_without_connecting()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            var payload = $"""
                <?xml version="1.0" encoding="ISO-8859-15"?>
                <!DOCTYPE feed SYSTEM "http://127.0.0.1:{port}/evil.dtd">
                <feed xmlns="http://www.w3.org/2005/Atom" version="0.3"><title>&evil;</title></feed>
                """;

            Assert.Throws<ParseException>(() => CheckedXml.Load(Utf8(payload), "xxe-http.xml"));
            Assert.Throws<ParseException>(() => DilaXmlReader.Read(Utf8(payload), "xxe-http.xml"));
            Assert.Throws<ParseException>(() => SenatAknIndex.Parse(Encoding.UTF8.GetBytes(payload), "xxe-http.xml"));
            Assert.False(listener.Pending()); // nobody knocked
        }
        finally
        {
            listener.Stop();
        }
    }

    [Fact]
    public void Truncated_xml_names_the_input()
    {
        var bytes = LegifranceFixtures.Bytes("legi-xml", "LEGIARTI000006398122.xml");
        var cut = new MemoryStream(bytes, 0, bytes.Length / 2);

        var e = Assert.Throws<ParseException>(() => DilaXmlReader.Read(cut, "LEGIARTI000006398122.xml"));
        Assert.Equal("LEGIARTI000006398122.xml", e.Input);
        Assert.StartsWith("LEGIARTI000006398122.xml: ", e.Message);
        Assert.Contains("truncated", e.Message);
    }

    [Fact]
    public void Html_where_xml_is_expected_is_reported_as_html()
    {
        var page = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "senat", "dossiers-html", "pjl14-406.html"));

        var e = Assert.Throws<ParseException>(() => DilaXmlReader.Read(new MemoryStream(page), "JORFTEXT000047561974.xml"));
        Assert.Contains("HTML", e.Message);
        var f = Assert.Throws<ParseException>(() => SenatAknIndex.Parse(page, "depots.xml"));
        Assert.Contains("HTML", f.Message);
    }

    [Fact]
    public void A_real_iso_8859_15_file_is_decoded_as_its_declaration_says()
    {
        // A Sénat per-dossier Atom feed (recorded by betagouv/zam), declared and encoded ISO-8859-15: é is the byte 0xE9.
        var bytes = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "senat", "rss", "doslegppl17-699.xml"));
        Assert.Contains((byte)0xE9, bytes);

        var feed = CheckedXml.Load(new MemoryStream(bytes), "doslegppl17-699.xml").Root!;

        Assert.Equal("Sénat - Instituer un médiateur territorial dans certaines collectivités", feed.Elements().First(e => e.Name.LocalName == "title").Value);
    }

    [Fact]
    public void An_unknown_root_is_named()
    {
        using var feed = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "fixtures", "senat", "rss", "doslegppl18-462.xml"));

        var e = Assert.Throws<ParseException>(() => DilaXmlReader.Read(feed, "doslegppl18-462.xml"));
        Assert.Contains("<feed>", e.Message);
    }
}
