using Watch.Domain;
using Watch.Parsing.Senat;
using Watch.Relevance;
using Watch.Summaries;
using Watch.Tests.Parsing.Senat;
using Watch.Versions;

namespace Watch.Tests.Summaries;

/// <summary>Sénat dossier messages as subscribers read them, written from recorded dossier pages.</summary>
public class SenatMessagesTests
{
    private static SenatDossier Read(string file)
    {
        using var s = SenatFixtures.Open("dossiers-html", file);
        return SenatDossierPageParser.Parse(s, file);
    }

    /// <summary>On 14 September 2017 the bill, adopted by the Sénat, was in the Assemblée's commission.</summary>
    [Fact]
    public void A_step_at_the_assemblee_says_so()
    {
        var message = SenatMessages.Write(Read("dossier-legislatif-pjl16-587.html"), EventKind.StatusChanged, "1ère lecture - Assemblée", RelevanceResult.None);

        Assert.Equal("➡️ Sécurité intérieure et lutte contre le terrorisme (Sénat) : 1ère lecture - Assemblée - travaux de commission", message.Headline);
        Assert.Contains("<i>À venir :</i> 1ère lecture - Assemblée - Séance publique\n", message.Html);
    }

    [Fact]
    public void A_promulgation_names_the_law_and_the_timeline_s_abbreviations_are_written_out()
    {
        var drones = SenatMessages.Write(Read("dossier-legislatif-ppl15-504.html"), EventKind.StatusChanged, "2ème lecture - Sénat - séance publique", RelevanceResult.None);
        Assert.Equal("➡️ Usage des drones civils (Sénat) : promulgation de la loi", drones.Headline);
        Assert.Contains("Documents : Loi relative au renforcement de la sécurité de l'usage des drones civils (n° 2016-1428 du 24 octobre 2016), parue au JO n° 249 du 25 octobre 2016 ; ", drones.PlainText);
        Assert.Contains("Étape précédente : 2ème lecture - Sénat - séance publique\n", drones.PlainText);
        Assert.DoesNotContain("avant :", drones.PlainText);

        var health = SenatMessages.Write(Read("pjl14-406.html"), EventKind.StatusChanged, "l. définitive - séance publique", RelevanceResult.None);
        Assert.Equal("➡️ Santé (Sénat) : Conseil constitutionnel", health.Headline);
        Assert.Contains("Document : Saisine en date du 21 décembre 2015 par au moins soixante sénateurs et soixante députés\n", health.PlainText);
        Assert.Contains("Étape précédente : lecture définitive - séance publique\n", health.PlainText);
        Assert.Contains("À venir : promulgation de la loi\n", health.PlainText);
    }

    /// <summary>On 18 July 2017 the Sénat adopted the bill: the page lists the amendments and the debates before the text.</summary>
    [Fact]
    public void A_sitting_s_step_tells_the_text_adopted_first()
    {
        var dossier = Read("dossier-legislatif-pjl16-587.html");
        var sitting = dossier with { Steps = [.. dossier.Steps.TakeWhile(st => st.Date is not { } d || d <= new DateOnly(2017, 7, 18)).Where(st => st.Done)] };

        var message = SenatMessages.Write(sitting, EventKind.StatusChanged, "1ère lecture - Sénat - travaux de commission", RelevanceResult.None);

        Assert.Equal("➡️ Sécurité intérieure et lutte contre le terrorisme (Sénat) : 1ère lecture - Sénat - séance publique", message.Headline);
        Assert.Matches(@"Documents : Texte n° 115 \(2016-2017\) adopté par le Sénat le 18 juillet 2017 ; Amendements déposés sur le texte de la commission n° 630 .* \(et \d+ autres\)\n", message.PlainText);
    }
}
