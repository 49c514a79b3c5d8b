using Watch.Domain;
using Watch.Relevance;

namespace Watch.Tests.Relevance;

/// <summary>
/// The matching rules, on short sentences written the way amendments are, against the shipped watchlist.
/// </summary>
public class MatchingRulesTests
{
    private static readonly RelevanceClassifier Classifier = LabelledSet.Classifier();

    private static RelevanceResult Dispositif(string text) => Classify((FieldNames.Dispositif, text));

    private static RelevanceResult Classify(params (string Field, string Text)[] fields) =>
        Classifier.Classify(fields.Select(f => new ItemField(f.Field, f.Text)), []);

    [Theory]
    [InlineData("Le recours à la vidéosurveillance algorithmique est interdit.")]
    [InlineData("LE RECOURS À LA VIDÉOSURVEILLANCE ALGORITHMIQUE EST INTERDIT.")]
    [InlineData("Le recours a la videosurveillance algorithmique est interdit.")]
    [InlineData("Les vidéosurveillances algorithmiques sont interdites.")]
    public void Case_accents_and_plural_do_not_matter(string sentence)
    {
        var result = Dispositif(sentence);

        Assert.True(result.Relevant);
        Assert.Contains("vsa", result.Topics);
        Assert.Contains(result.Matches, m => m.Phrase == "vidéosurveillance algorithmique" && m.Field == FieldNames.Dispositif);
    }

    [Fact]
    public void Elided_article_is_dropped_before_matching()
    {
        // « l'analyse automatisée d'images » matches the phrase « analyse automatisée d'images ».
        var result = Dispositif("Aucune disposition ne permet l’analyse automatisée d’images captées dans les gares.");

        Assert.True(result.Relevant);
        Assert.Contains(result.Matches, m => m.Phrase == "analyse automatisée d'images");
    }

    [Theory]
    [InlineData("Les images peuvent faire l’objet de traitements algorithmiques des images collectées.")]
    [InlineData("Les images ne font l’objet d’aucun traitement algorithmique automatisé des images.")]
    public void Words_of_a_phrase_may_be_separated_by_a_small_gap(string sentence)
    {
        var result = Dispositif(sentence);

        Assert.True(result.Relevant);
        // The longest phrase wins over « traitements algorithmiques » alone: the gap was bridged.
        Assert.Contains(result.Matches, m => m.Phrase == "traitement algorithmique des images");
    }

    [Fact]
    public void Words_too_far_apart_are_not_a_phrase()
    {
        var result = Dispositif("La reconnaissance due aux agents de la fonction publique territoriale est faciale.");

        Assert.DoesNotContain(result.Matches, m => m.Phrase == "reconnaissance faciale");
    }

    [Fact]
    public void Drone_for_spraying_pesticides_is_excluded()
    {
        var spraying = Dispositif(
            "Les programmes d’épandage de produits phytopharmaceutiques par aéronefs sans équipage à bord sont autorisés sur les parcelles en pente.");
        var police = Dispositif(
            "Les services de police peuvent recourir à des aéronefs sans équipage à bord équipés de caméras pour filmer les manifestations.");

        Assert.False(spraying.Relevant);
        Assert.DoesNotContain("cameras", spraying.Topics);
        Assert.True(police.Relevant);
        Assert.Contains("cameras", police.Topics);
    }

    [Fact]
    public void Weak_phrase_alone_in_the_expose_sommaire_is_not_enough()
    {
        var expose = Classify(
            (FieldNames.Dispositif, "Supprimer cet article."),
            (FieldNames.ExposeSommaire, "Cet amendement limite le nombre de caméras."));

        Assert.False(expose.Relevant);
        Assert.Contains(expose.Matches, m => m.Field == FieldNames.ExposeSommaire);
    }

    [Fact]
    public void Strong_phrase_counts_less_in_the_expose_sommaire_than_in_the_dispositif()
    {
        var inDispositif = Classify((FieldNames.Dispositif, "Les caméras-piétons sont interdites."));
        var inExpose = Classify(
            (FieldNames.Dispositif, "Supprimer cet article."),
            (FieldNames.ExposeSommaire, "Cet article pérennise les caméras-piétons."));

        Assert.True(inDispositif.Relevant);
        Assert.True(inExpose.Score < inDispositif.Score);
    }

    [Fact]
    public void A_decision_says_which_phrase_matched_in_which_field()
    {
        var result = Classify(
            (FieldNames.Dispositif, "L’article 10 de la loi n° 2023‑380 du 19 mai 2023 est abrogé."),
            (FieldNames.ExposeSommaire, "La vidéosurveillance algorithmique porte atteinte aux libertés."));

        Assert.True(result.Relevant);
        Assert.Contains(result.Matches, m => m.Field == FieldNames.Dispositif && m.Topic == "lois");
        Assert.Contains(result.Matches, m => m.Field == FieldNames.ExposeSommaire && m.Topic == "vsa");
        Assert.Contains("(exposeSommaire)", result.Explain());
    }

    [Theory]
    [InlineData("Le présent article est applicable aux organismes de sécurité sociale.")]
    [InlineData("Les dépenses liées au traitement des maladies rares sont prises en charge.")]
    [InlineData("La diffusion vidéo des compétitions sportives relève du service public de l’audiovisuel.")]
    [InlineData("Le fait de faciliter la commission d’une infraction est puni de cinq ans d’emprisonnement.")]
    public void Known_false_friends_are_not_relevant(string sentence)
    {
        Assert.False(Dispositif(sentence).Relevant);
    }
}
