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

    [Theory]
    [InlineData("<b>{0}</b>", "mot ")]               // one bold line of 4,400 characters
    [InlineData("<i>Pourquoi :</i> {0}", "a&amp;b")] // no space: cut anywhere, but not inside an entity
    [InlineData("<a href=\"https://www.assemblee-nationale.fr/\">{0}</a>", "🔴")] // not between the halves of a character
    public void A_line_longer_than_a_message_is_cut_into_parts_whose_html_stands_alone(string shape, string unit)
    {
        var line = string.Format(shape, string.Concat(Enumerable.Repeat(unit, 4400 / unit.Length)));

        var parts = TelegramText.Split(line, 4096);

        Assert.True(parts.Count > 1);
        Assert.All(parts, p => Assert.True(p.Length <= 4096));
        foreach (var tag in new[] { "b", "i", "a" })
            Assert.All(parts, p => Assert.Equal(p.Split($"<{tag}").Length, p.Split($"</{tag}>").Length));
        Assert.All(parts, p => Assert.False(char.IsHighSurrogate(p[^1]) || char.IsLowSurrogate(p[0])));
        Assert.All(parts, p => Assert.DoesNotMatch(@"&[a-z]*$|^[a-z]*;", System.Text.RegularExpressions.Regex.Replace(p, "<[^>]*>", "")));
        // Nothing lost: the text of the parts is the text of the line.
        string Text(string html) => System.Text.RegularExpressions.Regex.Replace(html, "<[^>]*>|\\s", "");
        Assert.Equal(Text(line), string.Concat(parts.Select(Text)));
    }

    [Fact]
    public void Escaping_keeps_accents_and_neutralises_markup()
    {
        Assert.Equal("Rejeté &lt;b&gt; &amp; « reconnaissance faciale » &quot;x&quot;", TelegramHtml.Escape("Rejeté <b> & « reconnaissance faciale » \"x\""));
    }
}
