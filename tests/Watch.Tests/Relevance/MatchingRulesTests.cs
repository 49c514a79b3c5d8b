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

    [Fact]
    public void A_law_named_in_passing_does_not_make_an_item_relevant_but_says_which_law_a_relevant_one_touches()
    {
        // As AMANR5L17PO838901BTC1043P0D1N000196 argues against longer pre-trial detention: the bill's name and a camera,
        // each weak and each in passing, made it relevant.
        var passing = Classify(
            (FieldNames.Dispositif, "Supprimer les alinéas 4 à 10."),
            (FieldNames.ExposeSommaire, "Comme le relève la doctrine (Proposition de loi « visant à sortir la France du piège du narcotrafic » : une grave mise en cause de l'État de droit), ces délais sont excessifs. " +
                "La visioconférence suppose une facilité d'expression devant une caméra."));
        var relevant = Dispositif("Le recours aux drones équipés de caméras prévu par la loi visant à sortir la France du piège du narcotrafic est supprimé.");

        Assert.False(passing.Relevant);
        Assert.True(relevant.Relevant);
        Assert.Equal(["cameras", "lois"], relevant.Topics.Order());
    }

    [Fact]
    public void A_phrase_does_not_run_on_into_the_next_sentence()
    {
        // As AMANR5L17PO420120B1100P0D1N000142 (aide à mourir) sets up a register of volunteer doctors: « enregistrement
        // public. Son objectif » read as « enregistrement du son » made it, and with it the bill's 331 votes, relevant.
        var register = Classify(
            (FieldNames.Dispositif, "Les professionnels de santé qui veulent participer le font sur la base du volontariat. Ils s'enregistrent sur un registre public dédié à cet effet."),
            (FieldNames.ExposeSommaire, "Cet amendement établit un principe de volontariat pour les professionnels de santé impliqués dans l'aide à mourir, accompagné d'un dispositif d'enregistrement public. Son objectif est double."));
        var sound = Dispositif("Les agents procèdent à l'enregistrement public du son dans les véhicules.");
        // A phrase that holds a full stop itself still matches across it.
        var intelligence = Dispositif("Les données sont recueillies au titre de l'article L. 851-3 du code de la sécurité intérieure.");

        Assert.False(register.Relevant);
        Assert.Empty(register.Matches);
        Assert.Contains(sound.Matches, m => m.Phrase == "enregistrement du son");
        Assert.Contains(intelligence.Matches, m => m.Phrase == "L. 851-3");
        // Where a message places a phrase (which article, which line) follows the same rule.
        Assert.Empty(RelevanceClassifier.MentionedIn("Cet amendement crée un dispositif d'enregistrement public. Son objectif est double.", ["enregistrement du son"], 2));
        Assert.Equal(["enregistrement du son", "L. 851-3"],
            RelevanceClassifier.MentionedIn("L'enregistrement public du son est autorisé (article L. 851-3).", ["enregistrement du son", "L. 851-3"], 2));
    }

    [Fact]
    public void Variants_of_a_phrase_with_and_without_its_full_stop_both_match()
    {
        // A watchlist that lists « L.851-3 » before « L. 851-3 »: they fold to the same words, and the first kept made
        // the second, as the AN prints it, span a sentence end it could not.
        var classifier = new RelevanceClassifier(Microsoft.Extensions.Options.Options.Create(new WatchlistOptions
        {
            Topics = [new TopicOptions { Id = "renseignement", Label = "Renseignement", Phrases = ["L.851-3", "L. 851-3"] }],
        }));

        foreach (var text in new[] { "au titre de l'article L.851-3 du code", "au titre de l'article L. 851-3 du code" })
            Assert.True(classifier.Classify([new ItemField(FieldNames.Dispositif, text)], []).Relevant, text);
    }

    [Fact]
    public void A_watched_article_s_amendment_takes_another_topic_only_from_what_it_does()
    {
        // As AMANR5L17PO838901BTC0636P0D1N000030 restores the sound capture in buses (article 11): its exposé contrasts it
        // with intelligence techniques in passing, which added « renseignement ».
        const string watched = "PIONANR5L17BTC0636#11";
        var exposé = "Il ne s'agit pas ici de techniques de renseignement mais d'un dispositif de sécurité des conducteurs.";
        var restores = Classifier.Classify([new ItemField(FieldNames.Dispositif, "Rétablir cet article."),
            new ItemField(FieldNames.ExposeSommaire, exposé)], [watched]);
        var extends = Classifier.Classify([new ItemField(FieldNames.Dispositif, "Les enregistrements peuvent être exploités au moyen des techniques de renseignement prévues au livre VIII du code de la sécurité intérieure."),
            new ItemField(FieldNames.ExposeSommaire, exposé)], [watched]);

        Assert.True(restores.Relevant);
        Assert.DoesNotContain("renseignement", restores.Topics);
        Assert.Contains("son", restores.Topics);
        Assert.Contains("renseignement", extends.Topics); // said by the dispositif itself
    }

    [Fact]
    public void The_reasons_a_message_has_room_for_are_those_of_the_topics_reported()
    {
        // Sound capture in buses: « techniques de renseignement », contrasted with it in the exposé, weighs as much as
        // « captation sonore » but is no topic of the item; « Pourquoi » showed it and left out the sound capture.
        var item = LabelledSet.Items().Single(i => i.Uid == "AMANR5L17PO838901BTC0636P0D1N000030");
        var result = Classifier.Classify(LabelledSet.Item(item));
        var why = result.Explain(max: 3);

        Assert.DoesNotContain("renseignement", result.Topics);
        Assert.Contains("« captation sonore »", why);
        Assert.DoesNotContain("renseignement", why);
    }

    /// <summary>
    /// Amendments the blind audits labelled relevant on the narcotrafic bill's articles 3 bis (customs' direct access to
    /// transport and logistics operators' data) and 21 bis (the rapprochement judiciaire file), whose words say only
    /// « conservation des données » in passing, or nothing (« Amendement de coordination »).
    /// </summary>
    [Theory]
    [InlineData("AMANR5L17PO838901BTC1043P0D1N000512", "article 3 bis")]
    [InlineData("AMANR5L17PO59051B0907P0D1N000078", "article 21 bis")]
    [InlineData("AMANR5L17PO59051B0907P0D1N000617", "article 21 bis")]
    public void An_amendment_on_a_watched_article_of_the_narcotrafic_bill_is_relevant(string uid, string article)
    {
        var result = Classifier.Classify(LabelledSet.Item(LabelledSet.Items().Single(i => i.Uid == uid)));

        Assert.True(result.Relevant);
        Assert.Equal(["renseignement"], result.Topics);
        Assert.StartsWith($"suivi : {article} (PPL narcotrafic", result.Explain(max: 1));
    }

    /// <summary>
    /// The story Watch exists for: article 7 of the Olympic Games bill, which became article 10 of loi n° 2023-380, in
    /// the Sénat's bill (pjl22-220) and the text the AN received (PRJLANR5L16B0809). An amendment deleting it says so in
    /// four words; one on article 8 is not thereby relevant.
    /// </summary>
    [Theory]
    [InlineData(Chamber.Senat, "senat:2022-2023:220", "Article 7")]
    [InlineData(Chamber.AssembleeNationale, "PRJLANR5L16B0809", "ART. 7")]
    public void An_amendment_deleting_the_Olympic_bill_s_article_7_is_relevant(Chamber chamber, string text, string article)
    {
        Amendment On(string designation) => new()
        {
            Id = $"{text}:1", Chamber = chamber, Url = "https://example.org/", Number = "1", TextRef = text,
            Article = ArticleRef.FromDesignation(designation), Authors = "M. Bernalicis", Dispositif = "Supprimer cet article.",
            ExposeSommaire = "Amendement de suppression.", State = "",
        };

        var seven = Classifier.Classify(On(article));
        var eight = Classifier.Classify(On(article.Replace('7', '8')));

        Assert.True(seven.Relevant);
        Assert.Equal(["vsa"], seven.Topics);
        Assert.StartsWith("suivi : article 7 (PJL jeux Olympiques et Paralympiques de 2024", seven.Explain(max: 1));
        Assert.False(eight.Relevant);
    }

    [Theory]
    [InlineData("Préalablement à l'échange d'informations, de renseignements ou de documents, les agents renseignent un registre.")]
    [InlineData("Les administrations se communiquent les renseignements et documents utiles à la lutte contre la fraude.")]
    [InlineData("L'administration peut demander toutes informations, renseignements et justifications.")]
    public void Renseignements_as_the_law_s_word_for_information_are_not_intelligence(string sentence) =>
        Assert.DoesNotContain(Dispositif(sentence).Matches, m => m.Topic == "renseignement");

    [Fact]
    public void The_legal_formula_for_filming_is_about_cameras()
    {
        // AMANR5L17PO838901BTC1043P0D1N000525, on the cameras in prison cells: the code's own words, « la captation,
        // l'enregistrement et la transmission d'images », with none of the watchlist's camera words.
        var result = Classify((FieldNames.Dispositif, "À la première phrase de l'alinéa 60, substituer aux mots : « de cellules », les mots : « des cellules de détenus mineurs »."),
            (FieldNames.ExposeSommaire, "Cet amendement vise à interdire la captation, l'enregistrement et la transmission d'images de mineurs incarcérés en établissement pénitentiaire."));

        Assert.True(result.Relevant);
        Assert.Equal(["cameras"], result.Topics);
    }

    [Fact]
    public void A_single_letter_is_an_elision_only_before_an_apostrophe()
    {
        // The S of « fiché S » is a word: without it the phrase would be « fiche », and every « fiche de bon
        // usage des médicaments » (loi santé 2015, Sénat dossier pjl14-406) would be about biometrics.
        Assert.False(Dispositif("La Haute autorité de santé élabore des fiches de bon usage des médicaments.").Relevant);
        var flagged = Dispositif("Les individus fichés S ne peuvent exercer les fonctions d'agent de sécurité.");
        Assert.True(flagged.Relevant);
        Assert.Contains(flagged.Matches, m => m.Phrase == "fichés S");
    }

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

    /// <summary>Amendment 815 to the narcotrafic bill (commission text BTC1043, article 23), as published.</summary>
    [Fact]
    public void Collecting_images_inside_prison_cells_is_about_cameras()
    {
        var cells = Classify(
            (FieldNames.Dispositif, "Par dérogation aux dispositions de l’alinéa précédent, en cas d’incident grave touchant à l’ordre, à la discipline ou à la "
                + "sécurité de l’établissement pénitentiaire, les dispositifs mentionnés au I peuvent être employés pour recueillir les images permettant "
                + "de visualiser l’intérieur des cellules."),
            (FieldNames.ExposeSommaire, "Cet amendement modifie le II de l’article L. 223‑21, qui prévoit déjà la possibilité de filmer l’intérieur des "
                + "cellules en cas d’incident grave, afin de souligner le caractère exceptionnel de ce recueil d’images, lesquelles peuvent, cependant, "
                + "s’avérer nécessaire pour préparer les opérations de maintien de l’ordre ou permettre le recueil de preuves aux fins de judiciarisation de l’incident."));

        Assert.True(cells.Relevant);
        Assert.Equal(["cameras"], cells.Topics);
        Assert.Contains(cells.Matches, m => m.Phrase == "recueillir les images" && m.Field == FieldNames.Dispositif);
    }

    [Fact]
    public void Weak_phrase_in_a_passing_sentence_of_the_expose_is_not_enough()
    {
        var expose = Classify(
            (FieldNames.Dispositif, "Supprimer cet article."),
            (FieldNames.ExposeSommaire, "Le texte a été débattu longuement. Il existe déjà des caméras dans de nombreuses gares."));

        Assert.False(expose.Relevant);
        Assert.Contains(expose.Matches, m => m.Phrase == "caméras" && m.Field == FieldNames.ExposeSommaire);
    }

    [Fact]
    public void A_strong_phrase_an_expose_uses_in_passing_counts_half_when_the_dispositif_says_what_the_amendment_does()
    {
        // Real case (transport-safety bill, an « après l'article 2 » on private security agents): vidéoprotection is
        // cited by analogy, while the dispositif enacts something else.
        const string dispositif = "Après l'article L. 613-1 du code de la sécurité intérieure, il est inséré un article ainsi rédigé : « Les agents "
            + "exerçant l'activité mentionnée au 1° de l'article L. 611-1 peuvent être autorisés par le préfet à exercer sur la voie publique une "
            + "mission de surveillance contre les vols, dégradations et effractions visant les biens dont ils ont la garde. »";
        var byAnalogy = Classify(
            (FieldNames.Dispositif, dispositif),
            (FieldNames.ExposeSommaire, "Les agents de sécurité privée sont présents aux abords des gares. Comme pour les systèmes de vidéoprotection, une autorisation préfectorale encadre leur mission."));
        var twoMentions = Classify(
            (FieldNames.Dispositif, dispositif),
            (FieldNames.ExposeSommaire, "Les agents de sécurité privée sont présents aux abords des gares. Les systèmes de vidéoprotection et les caméras-piétons complètent leur action."));

        Assert.False(byAnalogy.Relevant);
        Assert.Equal(0.5, byAnalogy.Score);
        Assert.Contains(byAnalogy.Matches, m => m.Phrase == "systèmes de vidéoprotection" && m.Field == FieldNames.ExposeSommaire);
        Assert.True(twoMentions.Relevant);
    }

    [Fact]
    public void Behind_a_brief_dispositif_the_expose_is_the_account_of_the_amendment_and_nothing_in_it_is_in_passing()
    {
        var result = Classify(
            (FieldNames.Dispositif, "Supprimer cet article."),
            (FieldNames.ExposeSommaire, "Le texte crée un dossier distinct. Les techniques spéciales d'enquête y seraient soustraites au contradictoire."));

        Assert.True(result.Relevant);
        Assert.Equal(["renseignement"], result.Topics);
    }

    [Fact]
    public void A_phrase_in_passing_still_names_the_topic_of_an_item_relevant_on_other_grounds()
    {
        // Real case (article 11 of the transport-safety bill restored): the dispositif names the bill, the exposé the sound capture.
        var result = Classify(
            (FieldNames.Dispositif, "Rétablir cet article dans la rédaction suivante : « I. – À titre expérimental, les autobus peuvent être équipés de dispositifs permettant la captation du son. La loi relative au renforcement de la sûreté dans les transports s'applique. »"),
            (FieldNames.ExposeSommaire, "Les agressions de conducteurs sont nombreuses. Une captation sonore permettrait de mieux les établir."));

        Assert.True(result.Relevant);
        Assert.Contains("son", result.Topics);
    }

    [Fact]
    public void A_title_naming_a_watched_bill_is_about_it_while_an_expose_citing_the_bill_is_only_a_hint()
    {
        // VTANR5L17V1041's question, and an amendment on a non-surveillance article of the same bill.
        var vote = Classify((FieldNames.Title, "l'ensemble de la proposition de loi relative au renforcement de la sûreté dans les transports (texte de la commission mixte paritaire)."));
        var amendment = Classify(
            (FieldNames.Dispositif, "Supprimer cet article."),
            (FieldNames.ExposeSommaire, "Cet amendement supprime une disposition de la proposition de loi relative au renforcement de la sûreté dans les transports."));

        Assert.True(vote.Relevant);
        Assert.Equal(["lois"], vote.Topics);
        Assert.False(amendment.Relevant);
    }

    [Fact]
    public void A_title_naming_the_Olympic_law_is_about_it_while_a_hearing_on_the_Games_is_not()
    {
        // The 2024 law's bill, and two committee meetings of the AN agenda (RUANR5L17S2025IDC455417, RUANR5L17S2025IDC453411).
        var bill = Classify((FieldNames.Title, "Projet de loi relatif aux jeux Olympiques et Paralympiques de 2024"));
        var hearings = new[]
        {
            "Audition de M. Pierre-Antoine Molina, délégué interministériel aux Jeux Olympiques et Paralympiques d’hiver 2030 (Dijop)",
            "Audition de M. Tony Estanguet, président du comité d’organisation des Jeux olympiques et paralympiques (Cojop) de Paris 2024",
        }.Select(subject => Classify((FieldNames.Title, subject)));

        Assert.True(bill.Relevant);
        Assert.Equal(["lois"], bill.Topics);
        Assert.All(hearings, h => Assert.False(h.Relevant));
    }

    [Fact]
    public void Weak_phrase_in_the_sentence_saying_what_the_amendment_does_counts_as_strong()
    {
        var result = Classify(
            (FieldNames.Dispositif, "Supprimer les alinéas 52 à 84."),
            (FieldNames.ExposeSommaire, "Cet amendement vise à supprimer la possibilité d’utiliser des drones aux abords des établissements pénitentiaires."));

        Assert.True(result.Relevant);
        Assert.Equal(["cameras"], result.Topics);
    }

    [Fact]
    public void Inclusive_writing_does_not_cut_the_sentence_saying_what_the_amendment_does()
    {
        // « député.es »: the full stop inside the word is no sentence end, so « Par cet amendement » still
        // introduces the drones.
        var result = Classify(
            (FieldNames.Dispositif, "Supprimer les alinéas 52 à 84."),
            (FieldNames.ExposeSommaire, "Par cet amendement, les député.es souhaitent interdire les drones aux abords des prisons."));

        Assert.True(result.Relevant);
        Assert.Contains("cameras", result.Topics);
    }

    [Fact]
    public void Sentence_naming_another_numbered_article_is_not_about_the_amendment()
    {
        // « cet article 10 de la loi … » is not the amended article: « drones » there stays weak.
        var result = Classify(
            (FieldNames.Dispositif, "À l’alinéa 3, substituer au mot : « deux » le mot : « trois »."),
            (FieldNames.ExposeSommaire, "Des drones ont été autorisés sur le fondement de cet article 10 de la loi du 19 mai 2023."),
            (FieldNames.Article, "ART. 4"));

        Assert.False(result.Relevant);
    }

    [Fact]
    public void Sentence_naming_the_amended_article_is_about_the_amendment()
    {
        var result = Classify(
            (FieldNames.Dispositif, "À l’alinéa 9, substituer au mot : « deux » le mot : « trois »."),
            (FieldNames.ExposeSommaire, "L’article 8 bis prévoit que les conducteurs portent des caméras."),
            (FieldNames.Article, "ART. 8 BIS"));

        Assert.True(result.Relevant);
        Assert.Equal(["cameras"], result.Topics);
    }

    [Theory]
    [InlineData("ARTICLE UNIQUE", true)]
    [InlineData("ART. 2", false)]
    public void An_article_named_by_a_word_is_recognised_as_the_amended_one(string designation, bool aboutTheAmendment)
    {
        // « unique », like « liminaire » or the letter of « 8 A », is not in the watchlist's vocabulary: the
        // classifier still reads it when it is the amended article's number.
        var result = Classify(
            (FieldNames.Dispositif, "À l’alinéa 2, substituer au mot : « deux » le mot : « trois »."),
            (FieldNames.ExposeSommaire, "L’article unique prévoit que les conducteurs portent des caméras."),
            (FieldNames.Article, designation));

        Assert.Equal(aboutTheAmendment, result.Relevant);
    }

    [Fact]
    public void An_incidental_mention_in_the_expose_does_not_add_its_topic()
    {
        // The amendment is about drones; biometrics appears in a passing argument of the exposé.
        var result = Classify(
            (FieldNames.Dispositif, "Supprimer cet article."),
            (FieldNames.ExposeSommaire,
                "Cet amendement supprime l’installation de caméras sur des drones dans les prisons. " +
                "Selon la jurisprudence, la captation d’images de personnes constitue une collecte de données biométriques."));

        Assert.True(result.Relevant);
        Assert.Equal(["cameras"], result.Topics);
        Assert.Contains(result.Matches, m => m.Topic == "biometrie" && m.Phrase == "données biométriques"); // still explained
        Assert.True(result.TopicScores["biometrie"] >= 1);
    }

    [Fact]
    public void A_phrase_counts_once_per_item_in_its_best_field()
    {
        var once = Classify((FieldNames.Dispositif, "Les caméras-piétons sont interdites."));
        var twice = Classify(
            (FieldNames.Dispositif, "Les caméras-piétons sont interdites."),
            (FieldNames.ExposeSommaire, "Les caméras-piétons portent atteinte à la vie privée."));

        Assert.Equal(once.Score, twice.Score);
        Assert.Contains(twice.Matches, m => m.Field == FieldNames.ExposeSommaire); // both fields stay in the explanation
    }

    [Fact]
    public void An_exclusion_only_applies_within_its_sentence()
    {
        var result = Dispositif(
            "Les services de police peuvent recourir à des drones équipés de caméras pour filmer les manifestations. " +
            "La diffusion des débats parlementaires est assurée par la chaîne parlementaire.");

        Assert.True(result.Relevant);
        Assert.Contains(result.Matches, m => m.Phrase == "drones équipés de caméras");
    }

    [Fact]
    public void Spraying_anywhere_in_the_item_dampens_drones_everywhere_in_it()
    {
        var result = Classify(
            (FieldNames.Dispositif, "Cet amendement autorise l’usage des drones sur les vignes en pente."),
            (FieldNames.ExposeSommaire, "L’épandage de produits phytopharmaceutiques par voie aérienne reste interdit ailleurs."));

        Assert.False(result.Relevant);
    }

    [Fact]
    public void Every_amendment_on_a_watched_article_is_relevant_to_its_topics_but_not_an_additional_article_after_it()
    {
        // Only a date changes: nothing in the words says « algorithme », the article does.
        ItemField[] dateOnly =
        [
            new(FieldNames.Dispositif, "À l’alinéa 6, substituer à la date : « 31 décembre 2028 » la date : « 1er juillet 2026 »."),
            new(FieldNames.ExposeSommaire, "Cet amendement de repli vise à réduire la durée de l’expérimentation."),
        ];
        var onArticle = Classifier.Classify([.. dateOnly, new(FieldNames.Article, "ART. 8")], ["PIONANR5L17B0907", "PIONANR5L17B0907#8"]);
        var afterArticle = Classifier.Classify([.. dateOnly, new(FieldNames.Article, "APRÈS ART. 8")], ["PIONANR5L17B0907", "PIONANR5L17B0907#8"]);

        Assert.True(onArticle.Relevant);
        Assert.Equal(["renseignement"], onArticle.Topics);
        Assert.StartsWith("suivi : article 8 (", onArticle.Explain(1));
        Assert.False(afterArticle.Relevant);
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
        Assert.Contains("(exposé sommaire)", result.Explain());
    }

    [Fact]
    public void A_phrase_found_in_two_fields_is_explained_once_and_leaves_room_for_the_next()
    {
        var result = Classify(
            (FieldNames.Dispositif, "Les agents peuvent être équipés de caméras frontales."),
            (FieldNames.ExposeSommaire, "Les caméras frontales renforcent la reconnaissance faciale."));

        Assert.Equal("« caméras frontales » (dispositif, exposé sommaire), « reconnaissance faciale » (exposé sommaire)", result.Explain(max: 2));
    }

    [Theory]
    [InlineData("Le présent article est applicable aux organismes de sécurité sociale.")]
    [InlineData("Les dépenses liées au traitement des maladies rares sont prises en charge.")]
    [InlineData("La diffusion vidéo des compétitions sportives relève du service public de l’audiovisuel.")]
    [InlineData("Le fait de faciliter la commission d’une infraction est puni de cinq ans d’emprisonnement.")]
    [InlineData("Cet amendement vise à dispenser les micro-entreprises de rapport de gestion.")]
    [InlineData("Les réunions du comité de bassin font l’objet d’un enregistrement vidéo rendu public.")]
    [InlineData("Les atteintes aux systèmes de traitement automatisé de données sont couvertes par l’assurance.")]
    [InlineData("Cet amendement rappelle que des garanties de sécurité globale doivent être apportées à l’Ukraine.")]
    public void Known_false_friends_are_not_relevant(string sentence)
    {
        Assert.False(Dispositif(sentence).Relevant);
    }
}
