using Watch.Parsing;

namespace Watch.Tests.Parsing;

/// <summary>The HTML fragments of the institutions' data, as relevance and messages read them.</summary>
public class HtmlTextTests
{
    [Fact]
    public void Block_tags_become_line_breaks_and_inline_tags_vanish()
    {
        var html = "<p>Après l’article <b>L. 251-2</b>, il est inséré :</p><p>« Art. L. 251‑3. – La <i>reconnaissance</i> faciale</p><br/><div>est interdite. »</div>";

        Assert.Equal("Après l’article L. 251-2, il est inséré :\n« Art. L. 251‑3. – La reconnaissance faciale\nest interdite. »", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void Entities_are_decoded_and_spaces_of_every_kind_folded_to_one()
    {
        var html = "<p>Mme&#160;Regol,&nbsp;&nbsp; M.\u202FAmirshahi &amp; les   membres&#x00A0;du groupe</p>";

        Assert.Equal("Mme Regol, M. Amirshahi & les membres du groupe", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void Markup_written_as_entities_stays_text_and_is_not_decoded_twice()
    {
        Assert.Equal("<p> &lt; et &amp; restent du texte", HtmlText.ToPlainText("&lt;p&gt; &amp;lt; et &amp;amp; restent du texte"));
    }

    [Fact]
    public void Unknown_or_unterminated_entities_are_kept_as_written()
    {
        Assert.Equal("A &zzz; B & C &amp D", HtmlText.ToPlainText("<p>A &zzz; B & C &amp D</p>"));
    }

    [Fact]
    public void Letters_written_with_a_combining_accent_are_composed()
    {
        // The AN writes « é » as « e » + U+0301 in some amendments: composed, « vidéo » matches « vidéo ».
        Assert.Equal("vidéoprotection à", HtmlText.ToPlainText("<p>vide&#x0301;oprotection a\u0300</p>"));
    }

    [Fact]
    public void Blank_lines_and_spaces_around_breaks_are_dropped()
    {
        var html = "<div>  <p> premier </p>\n\n<p></p><p>   </p><p> second</p> </div>";

        Assert.Equal("premier\nsecond", HtmlText.ToPlainText(html));
    }

    [Fact]
    public void A_cut_off_tag_ends_the_text_and_plain_text_comes_back_trimmed()
    {
        Assert.Equal("Article 7", HtmlText.ToPlainText("<p>Article 7</p><p class=\"tronq"));
        Assert.Equal("sans balise", HtmlText.ToPlainText("  sans balise \n"));
        Assert.Equal("", HtmlText.ToPlainText(null));
        Assert.Equal("", HtmlText.ToPlainText("<p>&nbsp;</p>"));
    }

    [Fact]
    public void Text_without_markup_is_folded_and_composed_all_the_same()
    {
        // An old AN page's meta tag, its entities already decoded by the HTML parser.
        Assert.Equal("M. Coronado et M. Molac", HtmlText.ToPlainText(" M.\u00A0Coronado et M.\u00A0Molac"));
        Assert.Equal("les membres du groupe", HtmlText.ToPlainText("les   membres du groupe"));
        Assert.Equal("vidéoprotection", HtmlText.ToPlainText("vide\u0301oprotection"));
    }
}
