using Watch.Domain;

namespace Watch.Tests.Domain;

/// <summary>The texts a meeting names by number, on lines of real convocations of the 17th legislature.</summary>
public class AgendaItemTests
{
    [Theory]
    // RUANR5L17S2025IDC457350
    [InlineData("– Suite de l’examen du projet de loi, adopté par le Sénat après engagement de la procédure accélérée, relatif à la résilience des infrastructures critiques et au renforcement de la cybersécurité (n° 1112) (M. Éric Bothorel, rapporteur général, M. Mickaël Bouloux, Mme Catherine Hervieu, Mme Anne Le Hénanff, rapporteurs).", new[] { 1112 })]
    // RUANR5L17S2025IDC455412
    [InlineData("Suite de l'examen des articles du projet de loi de simplification de la vie économique (n° 481 rect.) (M. Christophe Naegelen et M. Stéphane Travert, rapporteurs).", new[] { 481 })]
    // RUANR5L17S2025IDC453525: the kind of text is its heading's.
    [InlineData("Nomination de rapporteurs sur les propositions de résolutions européennes de :\n- M. Dominique POTIER et plusieurs de ses collègues relative à l’adoption et à la mise en œuvre d’exigences à l’importation pour le respect de normes de production équivalentes aux normes de production essentielles, en matière de santé, d’environnement, de biodiversité et de bien-être animal applicables dans l’Union européenne (n°287).", new[] { 287 })]
    // RUANR5L17S2025IDC453560
    [InlineData("Projet de loi de finances pour 2025 (n° 324 – seconde partie) :", new[] { 324 })]
    // RUANR5L17S2025IDC453661: the texte adopté's number is another series.
    [InlineData("- sur le texte de la commission des affaires européennes sur la proposition de résolution européenne relative à l’adoption et à la mise en œuvre d’exigences à l’importation pour le respect de normes de production équivalentes aux normes de production essentielles, en matière de santé, d’environnement, de biodiversité et de bien-être animal applicables dans l’Union européenne (n° 287 – texte adopté n° 533 A0) ;", new[] { 287 })]
    // RUANR5L17S2026IDC457762
    [InlineData("- Examen du projet de loi de financement de la sécurité sociale pour 2026 (n°s°1907 et 1999)  (M. Thibault Bazin, rapporteur général ; M. Hadrien Clouet, Mme Anne Bergantz, Mme Sandrine Runel et M. Gaëtan Dussausaye, rapporteurs)", new[] { 1907, 1999 })]
    // RUANR5L17S2025IDC455289
    [InlineData("- Nomination de rapporteurs sur les propositions de loi relative aux soins palliatifs et d’accompagnement (n° 1102) et relative à la fin de vie (n° 1100)", new[] { 1102, 1100 })]
    // RUANR5L17S2025IDC457142: « 2ème » is the rectification's.
    [InlineData("Examen, en application de l’article 88 du Règlement, des amendements à la proposition de loi, adoptée par le Sénat, portant création d’un statut de l’élu local (n° 1603 2ème rect.) (MM. Stéphane Delautrette et Didier Le Gac, rapporteurs).", new[] { 1603 })]
    // RUANR5L17S2025IDC454128: a law's number is not in parentheses.
    [InlineData("sur le projet de loi spéciale prévue par l’article 45 de la loi organique n° 2001-692 du 1er août 2001 relative aux lois de finances (sous réserve de son dépôt)", new int[0])]
    // RUANR5L17S2025IDC456528: the European affairs committee names the kind after the number.
    [InlineData("Pour un féminisme universel (n° 1381) : examen de la proposition de résolution européenne de Mme Emmanuelle Hoffman", new[] { 1381 })]
    // RUANR5L17S2025IDC453767
    [InlineData("– Désignation de rapporteurs sur :\n- la proposition de loi visant à rendre accessible à tous les étudiants le repas à 1 euro ( n° 519)", new[] { 519 })]
    // RUANR5L17S2025IDC456220: the résolutions the Assemblée adopted are numbered in a series of their own.
    [InlineData("- Audition de M. Benjamin Haddad, ministre délégué auprès du ministre de l'Europe et des Affaires étrangères, chargées de l'Europe, sur le suivi des résolutions européennes de l’Assemblée nationale\nSeront débattues les résolutions européennes suivantes : celle appelant au renforcement du soutien à l’Ukraine (n° 70), celle invitant le Gouvernement à refuser la ratification de l’accord commercial entre l’Union européenne et le Mercosur (n° 40)", new int[0])]
    // RUANR5L17S2025IDC457363: so are petitions, even after a bill.
    [InlineData("– Présentation, en application de l’article 148 alinéa 3 du Règlement, de deux pétitions renvoyées à la commission, intitulées « Non à la Loi Duplomb - Pour la santé, la sécurité, l’intelligence collective » (n° 3014) et « Pétition contre la loi Duplomb » (n° 3092) (Mme Hélène Laporte, rapporteure), et vote en vue de leur classement ou de leur examen par la commission.", new int[0])]
    // The two lines above, as a convocation may list a bill and petitions one after the other.
    [InlineData("- la proposition de loi visant à rendre accessible à tous les étudiants le repas à 1 euro ( n° 519)\n– Présentation, en application de l’article 148 alinéa 3 du Règlement, de deux pétitions renvoyées à la commission, intitulées « Non à la Loi Duplomb - Pour la santé, la sécurité, l’intelligence collective » (n° 3014) et « Pétition contre la loi Duplomb » (n° 3092) (Mme Hélène Laporte, rapporteure), et vote en vue de leur classement ou de leur examen par la commission.", new[] { 519 })]
    public void A_convocation_names_texts_by_the_numbers_in_its_parentheses(string line, int[] numbers) =>
        Assert.Equal(numbers, AgendaItem.TextNumbers(line));

    [Fact]
    public void A_number_is_every_text_of_the_meeting_s_legislature_that_may_bear_it()
    {
        var point = new AgendaItem
        {
            Id = AgendaItem.IdOf("RUANR5L17S2025IDC455412", AgendaItem.ConvocationPoint),
            Chamber = Chamber.AssembleeNationale,
            Url = "https://www.assemblee-nationale.fr/dyn/17/agendas/RUANR5L17S2025IDC455412",
            ReunionUid = "RUANR5L17S2025IDC455412",
            PointUid = AgendaItem.ConvocationPoint,
            MeetingKind = MeetingKind.Commission,
            Start = new DateTimeOffset(2025, 3, 27, 15, 0, 0, TimeSpan.FromHours(1)),
            MeetingState = AgendaStates.Cancelled,
            State = AgendaStates.Cancelled,
            Subject = "Suite de l'examen des articles du projet de loi de simplification de la vie économique (n° 481 rect.)",
            DossierRefs = [],
        };

        // The bill as deposited (PRJLANR5L17B0481 is the one the amendments name), or a commission's text numbered 481.
        Assert.Equal(
            ["PRJLANR5L17B0481", "PRJLANR5L17BTC0481", "PIONANR5L17B0481", "PIONANR5L17BTC0481", "PNREANR5L17B0481", "PNREANR5L17BTC0481"],
            point.NamedTexts);
    }
}
