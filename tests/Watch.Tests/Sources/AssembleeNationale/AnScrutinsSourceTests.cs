using Watch.Sources.AssembleeNationale;
using Watch.Domain;
using Watch.Versions;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>The votes source through the real fetch code, on a <c>Scrutins.json.zip</c> of the four recorded votes.</summary>
public sealed class AnScrutinsSourceTests : IAsyncLifetime
{
    private const string ScrutinsZip = "17/loi/scrutins/Scrutins.json.zip";
    private const string AgendaZip = "17/vp/reunions/Agenda.json.zip";
    private const string AmendmentsZip = "17/loi/amendements_div_legis/Amendements.json.zip";

    private OpenDataServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenDataServer.StartAsync();
    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Votes_are_ingested_once_and_a_second_run_gets_304()
    {
        await using var watch = new OpenDataHost(_server.BaseUrl, "VTANR5L17V788");
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        _server.Publish(ScrutinsZip, OpenDataServer.Zip(Recorded.Entries(Recorded.Fixtures("scrutins"))));

        var first = await watch.RunAsync("an-scrutins");
        Assert.Empty(first.Failures);
        Assert.Equal(4, first.Ingest.Seen);
        // The tracked vote, and the two others whose question names the transport-safety bill; not the motion of censure.
        var events = await watch.EventsAsync();
        Assert.Equal(["VTANR5L17V1041", "VTANR5L17V748", "VTANR5L17V788"], events.Select(e => e.Event.ItemId).Order(StringComparer.Ordinal));
        var vote = events.Single(e => e.Event.ItemId == "VTANR5L17V788");
        Assert.Equal(EventKind.Created, vote.Event.Kind);
        Assert.Equal("https://www.assemblee-nationale.fr/dyn/17/scrutins/788", vote.Summary.Url);

        var second = await watch.RunAsync("an-scrutins");
        Assert.Empty(second.Failures);
        Assert.Equal(0, second.Ingest.Seen);
        Assert.Equal((304, true), (_server.Requests[^1].Status, _server.Requests[^1].Conditional));
    }

    [Fact]
    public async Task A_server_error_fails_the_run_marks_nothing_as_seen_and_leaves_other_sources_alone()
    {
        await using var watch = new OpenDataHost(_server.BaseUrl, "VTANR5L17V788", "DLR5L16N49176");
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        _server.Fail(ScrutinsZip, 500);
        _server.Publish(AgendaZip, OpenDataServer.Zip(Recorded.Entries(Recorded.Fixtures("reunions"))));

        var failed = await watch.RunAsync("an-scrutins");
        var agenda = await watch.RunAsync("an-agenda");

        var failure = Assert.Single(failed.Failures);
        Assert.Equal(new Uri(_server.BaseUrl, ScrutinsZip).AbsoluteUri, failure.Input);
        Assert.Contains("HTTP 500", failure.Problem);
        Assert.Equal(0, failed.Ingest.Seen);
        Assert.Null(await watch.ValidatorsAsync(new Uri(_server.BaseUrl, ScrutinsZip)));
        // The resilience handler retried before giving up.
        Assert.True(_server.Requests.Count(r => r.Path == ScrutinsZip) > 1);

        Assert.Empty(agenda.Failures);
        Assert.Equal(AnAgendaSourceTests.AllPoints(Recorded.Entries(Recorded.Fixtures("reunions"))), agenda.Ingest.Seen);
        Assert.DoesNotContain(await watch.EventsAsync(), e => e.Event.ItemId.StartsWith("VT", StringComparison.Ordinal));

        // The server recovers: the next run downloads the archive (nothing was remembered) and ingests it.
        _server.Publish(ScrutinsZip, OpenDataServer.Zip(Recorded.Entries(Recorded.Fixtures("scrutins"))));
        var recovered = await watch.RunAsync("an-scrutins");
        Assert.Empty(recovered.Failures);
        Assert.Equal(4, recovered.Ingest.Seen);
        Assert.False(_server.Requests[^1].Conditional);
    }

    [Fact]
    public async Task A_vote_on_a_followed_dossier_is_an_event_through_its_seance_agenda_once_the_agenda_is_read()
    {
        // Only the dossier is followed: the votes name it nowhere, their séances' agenda points do.
        await using var watch = new OpenDataHost(_server.BaseUrl, "DLR5L16N49176");
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        _server.Publish(AgendaZip, OpenDataServer.Zip([.. Recorded.Entries(Recorded.Fixtures("reunions")), .. Recorded.Entries(Recorded.Fixtures("seances"))]));
        _server.Publish(ScrutinsZip, OpenDataServer.Zip(Recorded.Entries(Recorded.Fixtures("scrutins"))));

        Assert.Empty((await watch.RunAsync("an-agenda")).Failures);
        var votes = await watch.RunAsync("an-scrutins");

        Assert.Empty(votes.Failures);
        Assert.Equal(4, votes.Ingest.Seen);
        // The three votes on the transport-safety bill (first reading, a sub-amendment, the CMP text); not the motion of censure.
        var events = (await watch.EventsAsync()).Where(e => e.Event.ItemId.StartsWith("VT", StringComparison.Ordinal)).ToList();
        Assert.Equal(["VTANR5L17V1041", "VTANR5L17V748", "VTANR5L17V788"], events.Select(e => e.Event.ItemId).Order(StringComparer.Ordinal));
        Assert.All(events, e => Assert.Contains("DLR5L16N49176", e.Event.Reason));
    }

    [Fact]
    public async Task A_vote_read_before_its_seance_agenda_is_linked_when_the_archive_is_next_published()
    {
        // The day after the transport-safety bill's first reading.
        await using var watch = new OpenDataHost(_server.BaseUrl, new DateTimeOffset(2025, 2, 12, 9, 0, 0, TimeSpan.FromHours(1)), "DLR5L16N49176");
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        var votes = Recorded.Entries(Recorded.Fixtures("scrutins"));
        _server.Publish(ScrutinsZip, OpenDataServer.Zip(votes));
        var store = watch.Get<IVersionStore>();

        // A fresh install: the votes job runs before the agenda's first run.
        Assert.Empty((await watch.RunAsync("an-scrutins")).Failures);
        Assert.Null(((Vote)(await store.LatestAsync("VTANR5L17V788", CancellationToken.None))!).DossierRef);

        _server.Publish(AgendaZip, OpenDataServer.Zip([.. Recorded.Entries(Recorded.Fixtures("reunions")), .. Recorded.Entries(Recorded.Fixtures("seances"))]));
        Assert.Empty((await watch.RunAsync("an-agenda")).Failures);
        await Recorded.StoreAsync(watch, Watch.Tests.Pipeline.RelevanceLinksTests.Transports());
        // The next day's dump: the same votes, republished.
        _server.Publish(ScrutinsZip, OpenDataServer.Zip([.. Enumerable.Reverse(votes)]));
        var again = await watch.RunAsync("an-scrutins");

        Assert.Empty(again.Failures);
        // None was remembered, their séances had no agenda stored, but the motion of censure of October 2024: more than a
        // month old, it waits no more.
        Assert.Equal(votes.Count - 1, again.Ingest.Seen);
        Assert.Equal("DLR5L16N49176", ((Vote)(await store.LatestAsync("VTANR5L17V788", CancellationToken.None))!).DossierRef);

        // Linked now, they are remembered: the next publication reads none of them.
        _server.Publish(ScrutinsZip, OpenDataServer.Zip(votes));
        Assert.Equal(0, (await watch.RunAsync("an-scrutins")).Ingest.Seen);
    }

    [Fact]
    public async Task A_vote_on_an_amendment_is_joined_to_it_through_its_dossier_s_acts_once_they_are_stored()
    {
        // Three séances on the Mayotte bill (June 2025), their votes on amendments n° 229 (« caméras » in its exposé) and
        // n° 3, on n° 3 of the seconde délibération, and on article 12; the three amendments, in the dump's folders.
        await using var watch = new OpenDataHost(_server.BaseUrl, Mayotte27June.AddDays(1));
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-amendements-archive");
        var votes = Recorded.Entries(Recorded.Fixtures("mayotte", "scrutins"));
        _server.Publish(AgendaZip, OpenDataServer.Zip(Recorded.Entries(Recorded.Fixtures("mayotte", "reunions"))));
        _server.Publish(AmendmentsZip, OpenDataServer.Zip(Recorded.Entries(Recorded.Fixtures("mayotte", "amendements"), "json/DLR5L17N51985/PRJLANR5L17BTC1573/")));
        _server.Publish(ScrutinsZip, OpenDataServer.Zip(votes));
        Assert.Empty((await watch.RunAsync("an-agenda")).Failures);
        Assert.Empty((await watch.RunAsync("an-amendements-archive")).Failures);
        var store = watch.Get<IVersionStore>();

        // The dossier's acts are not read yet: the votes on amendments cannot be joined, and are read again next time.
        Assert.Equal(4, (await watch.RunAsync("an-scrutins")).Ingest.Seen);
        Assert.DoesNotContain(await watch.EventsAsync(), e => e.Event.ItemId.StartsWith("VT", StringComparison.Ordinal));

        // an-dossiers stores the dossier: its first reading deposits the bill (n° 1470), its commission adopts n° 1573.
        await Recorded.StoreAsync(watch, Watch.Tests.Pipeline.RelevanceLinksTests.Mayotte());
        _server.Publish(ScrutinsZip, OpenDataServer.Zip([.. Enumerable.Reverse(votes)]));
        var joined = await watch.RunAsync("an-scrutins");

        Assert.Empty(joined.Failures);
        Assert.Equal(3, joined.Ingest.Seen); // the vote on article 12 was remembered
        var told = Assert.Single(await watch.EventsAsync(), e => e.Event.ItemId.StartsWith("VT", StringComparison.Ordinal));
        Assert.Equal("VTANR5L17V2811", told.Event.ItemId);
        Assert.Contains("suivi : amendement n° 229 sur le texte de la commission n° 1573, en séance publique", told.Summary.PlainText);
        var second = (Vote)(await store.LatestAsync("VTANR5L17V2871", CancellationToken.None))!;
        Assert.Equal(["PRJLANR5L17B1470", "PRJLANR5L17BTC1573"], second.ReadingTexts);
        Assert.Contains("amendement n° 3 sur PRJLANR5L17BTC1573 (PO838901, délibération 2)", second.AmendmentKeys);

        _server.Publish(ScrutinsZip, OpenDataServer.Zip(votes));
        Assert.Equal(0, (await watch.RunAsync("an-scrutins")).Ingest.Seen);
    }

    [Fact]
    public async Task A_vote_on_a_bill_retitled_since_its_agenda_point_is_joined_through_its_dossier_s_stored_texts()
    {
        // Two séances of 6 March 2025 and their final votes on two bills whose agenda points keep the titles they were
        // deposited with. Only the vignes bill is followed.
        await using var watch = new OpenDataHost(_server.BaseUrl, new DateTimeOffset(2025, 3, 7, 9, 0, 0, TimeSpan.FromHours(1)), "DLR5L17N51328");
        await watch.EstablishedAsync("an-scrutins", "an-agenda", "an-dossiers", "an-textes");
        var votes = Recorded.Entries(Recorded.Fixtures("retitled", "scrutins"));
        _server.Publish(AgendaZip, OpenDataServer.Zip(Recorded.Entries(Recorded.Fixtures("retitled", "reunions"))));
        _server.Publish(ScrutinsZip, OpenDataServer.Zip(votes));
        Assert.Empty((await watch.RunAsync("an-agenda")).Failures);
        // an-dossiers stored their acts: the bill as deposited, the commission's text.
        foreach (var (dossier, texts) in SeanceDossiersTests.Retitled)
            await Recorded.StoreAsync(watch, Watch.Tests.Pipeline.RelevanceLinksTests.AnDossier(dossier, 17, "",
                [new DossierStep { Uid = "s1", Code = "AN1-DEPOT", Label = "Dépôt", Depth = 2, TexteAssocie = texts[0].Text },
                 new DossierStep { Uid = "s2", Code = "AN1-COM-FOND-RAPPORT", Label = "Rapport", Depth = 2, TexteAdopte = texts[1].Text }]));
        var store = watch.Get<IVersionStore>();

        // an-textes has not stored the texts yet: nothing names the bills as the votes do, and they are read again next time.
        Assert.Equal(2, (await watch.RunAsync("an-scrutins")).Ingest.Seen);
        Assert.Null(((Vote)(await store.LatestAsync("VTANR5L17V918", CancellationToken.None))!).DossierRef);

        foreach (var (text, title) in SeanceDossiersTests.Retitled.Values.SelectMany(texts => texts))
            await Recorded.StoreAsync(watch, AnText(text, title));
        _server.Publish(ScrutinsZip, OpenDataServer.Zip([.. Enumerable.Reverse(votes)])); // the next day's dump
        var joined = await watch.RunAsync("an-scrutins");

        Assert.Empty(joined.Failures);
        Assert.Equal(2, joined.Ingest.Seen);
        Assert.Equal("DLR5L17N51328", ((Vote)(await store.LatestAsync("VTANR5L17V918", CancellationToken.None))!).DossierRef);
        Assert.Equal("DLR5L17N51346", ((Vote)(await store.LatestAsync("VTANR5L17V912", CancellationToken.None))!).DossierRef);
        var told = Assert.Single(await watch.EventsAsync(), e => e.Event.ItemId.StartsWith("VT", StringComparison.Ordinal));
        Assert.Equal("VTANR5L17V918", told.Event.ItemId);

        // Joined, they are remembered.
        _server.Publish(ScrutinsZip, OpenDataServer.Zip(votes));
        Assert.Equal(0, (await watch.RunAsync("an-scrutins")).Ingest.Seen);
    }

    /// <summary>An AN text as <c>an-textes</c> stores it from its page, with none of its articles: only its title is wanted.</summary>
    private static LegislativeText AnText(string uid, string title) => new()
    {
        Id = LegislativeText.AssembleeId(uid),
        Chamber = Chamber.AssembleeNationale,
        Url = $"https://www.assemblee-nationale.fr/dyn/opendata/{uid}.html",
        Name = uid,
        ShortTitle = title,
        FullTitle = title,
        Articles = [],
    };

    private static readonly DateTimeOffset Mayotte27June = new(2025, 6, 27, 23, 0, 0, TimeSpan.FromHours(2));

    [Fact]
    public async Task A_vote_stops_waiting_for_its_dossier_a_month_after_it_was_held()
    {
        // The dossier's acts never come (the AN lists it without them): read again each day for a month, then kept as it is.
        var votes = Recorded.Entries(Recorded.Fixtures("mayotte", "scrutins"));
        _server.Publish(AgendaZip, OpenDataServer.Zip(Recorded.Entries(Recorded.Fixtures("mayotte", "reunions"))));
        _server.Publish(ScrutinsZip, OpenDataServer.Zip(votes));

        async Task<int> ReadOnAsync(DateTimeOffset day)
        {
            await using var watch = new OpenDataHost(_server.BaseUrl, day);
            await watch.EstablishedAsync("an-scrutins", "an-agenda");
            Assert.Empty((await watch.RunAsync("an-agenda")).Failures);
            Assert.Equal(votes.Count, (await watch.RunAsync("an-scrutins")).Ingest.Seen);
            _server.Publish(ScrutinsZip, OpenDataServer.Zip([.. Enumerable.Reverse(votes)])); // the next day's dump
            var again = (await watch.RunAsync("an-scrutins")).Ingest.Seen;
            _server.Publish(ScrutinsZip, OpenDataServer.Zip(votes));
            return again;
        }

        // Within the month, the three votes on amendments are read again; the one on article 12 needs no dossier.
        Assert.Equal(3, await ReadOnAsync(Mayotte27June.AddDays(AnScrutinsSource.DaysToWait - 3)));
        Assert.Equal(0, await ReadOnAsync(Mayotte27June.AddDays(AnScrutinsSource.DaysToWait + 2)));
    }

    /// <summary>
    /// Each reading numbers its amendments from 1 again: a vote on « l'amendement n° 2 … (nouvelle lecture) » is on the
    /// nouvelle lecture's texts, not on the first reading's n° 2. ESSOC's dossier, as the AN publishes it.
    /// </summary>
    [Fact]
    public void A_vote_is_joined_to_the_texts_of_the_reading_it_names()
    {
        var essoc = Watch.Parsing.AssembleeNationale.DossierParser.Parse(File.ReadAllBytes(Recorded.Fixtures("dossiers", "dossier-DLR5L15N36159.json")), "DLR5L15N36159");

        Assert.Equal(["PRJLANR5L15B0806", "PRJLANR5L15BTC1056"], AnScrutinsSource.AmendedTexts(essoc, "ANNLEC"));
        // The first reading's, the text it adopted included (no amendment is numbered on it); none of the Sénat's.
        Assert.Equal(["PRJLANR5L15B0424", "PRJLANR5L15BTC0575", "PRJLANR5L15BTA0073"], AnScrutinsSource.AmendedTexts(essoc, "AN1"));
        Assert.Empty(AnScrutinsSource.AmendedTexts(essoc, "AN2"));
        Assert.Equal(["PRJLANR5L15B0424", "PRJLANR5L15BTC0575", "PRJLANR5L15BTA0073", "PRJLANR5L15B0806", "PRJLANR5L15BTC1056"], AnScrutinsSource.AmendedTexts(essoc, null));
    }
}
