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
        Assert.Contains("<i>À venir :</i> 1ère lecture - Assemblée - Séance publique à venir\n", message.Html);
    }
}
