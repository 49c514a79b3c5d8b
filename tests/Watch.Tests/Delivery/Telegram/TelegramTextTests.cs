using Watch.Delivery.Telegram;
using Watch.Summaries;

namespace Watch.Tests.Delivery.Telegram;

public class TelegramTextTests
{
    [Fact]
    public void A_short_message_is_one_part()
    {
        Assert.Equal(["<b>court</b>"], TelegramText.Split("<b>court</b>", 4096));
    }

    [Fact]
    public void A_long_message_is_split_at_paragraph_boundaries_without_cutting_tags()
    {
        var lines = Enumerable.Range(1, 300).Select(i => $"<i>Alinéa {i} :</i> {new string('x', 30)} {TelegramHtml.Escape("a < b & c")}").ToList();
        var html = string.Join("\n", lines);

        var parts = TelegramText.Split(html, 4096);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Length <= 4096));
        Assert.Equal(html, string.Join("\n", parts));
        Assert.All(parts, p => Assert.Equal(p.Split("<i>").Length, p.Split("</i>").Length));
    }

    [Fact]
    public void Escaping_keeps_accents_and_neutralises_markup()
    {
        Assert.Equal("Rejeté &lt;b&gt; &amp; « reconnaissance faciale » &quot;x&quot;", TelegramHtml.Escape("Rejeté <b> & « reconnaissance faciale » \"x\""));
    }
}
