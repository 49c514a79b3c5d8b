using System.Collections.Concurrent;
using System.Text.Json;
using Watch.Delivery;
using Watch.Domain;
using Watch.Versions;
using static Watch.Tests.Storage.RealItems;

namespace Watch.Tests.Storage;

/// <summary>
/// What every store of Watch must do, whatever its database: run once per implementation by a derived class,
/// each test on a fresh, empty database. The data are real recorded amendments, as the pipeline prepares them.
/// </summary>
public abstract class StoreContractTests<TStore> : IAsyncLifetime
    where TStore : IVersionStore, IOutbox, IHttpCacheStore, ISubscriberStore
{
    private static readonly CancellationToken None = CancellationToken.None;

    protected TStore Store { get; private set; } = default!;

    /// <summary>A store on this test's database; a second call is a second process on the same database.</summary>
    protected abstract Task<TStore> OpenAsync();

    public virtual async Task InitializeAsync() => Store = await OpenAsync();

    public abstract Task DisposeAsync();

    private static Task CommitAsync(IVersionStore store, IReadOnlyList<ItemVersion> versions, IReadOnlyList<NewEvent>? events = null,
        IReadOnlyList<WatchedKey>? watched = null, IReadOnlyList<DecreeCall>? calls = null) =>
        store.CommitAsync(versions, events ?? [], watched ?? [], calls ?? [], None);

    /// <summary>One stored event (n° 85) fanned out to these recipients; its id.</summary>
    protected async Task<long> EventFannedOutToAsync(params (string Channel, string Recipient)[] targets)
    {
        var version = Version(FacialRecognitionBan);
        await CommitAsync(Store, [version], [Event(version)]);
        var id = (await Store.EventsSinceAsync(0, 10, None)).Single().Event.Id;
        await Store.FanOutAsync(id, targets, None);
        return id;
    }

    // ---- versions and events --------------------------------------------------------------------

    [Fact]
    public async Task Committed_versions_and_events_read_back_as_they_were_written()
    {
        var versions = new[] { Version(FacialRecognitionBan), Version(VsaRepeal), Version(Irrelevant) };
        Assert.True(versions[0].Relevance.Relevant);
        Assert.False(versions[2].Relevance.Relevant);
        var events = new[] { Event(versions[0]), Event(versions[1], EventKind.StatusChanged, AmendmentStatus.Filed) };
        var before = DateTimeOffset.UtcNow;

        await CommitAsync(Store, versions, events);

        var states = await Store.GetStatesAsync([FacialRecognitionBan, Irrelevant, "AMAN-never-stored"], None);
        Assert.Equal(new[] { FacialRecognitionBan, Irrelevant }.Order(), states.Keys.Order());
        Assert.Equal(new ItemState(FacialRecognitionBan, versions[0].Hash, "Rejeté", versions[0].SubstanceHash, true), states[FacialRecognitionBan]);
        Assert.False(states[Irrelevant].Relevant);

        var stored = await Store.EventsSinceAsync(0, 10, None);
        Assert.Equal(2, stored.Count);
        for (var i = 0; i < events.Length; i++)
        {
            var (written, read) = (events[i], stored[i]);
            Assert.Equal(written.ItemId, read.Event.ItemId);
            Assert.Equal(ItemKind.Amendment, read.Event.ItemKind);
            Assert.Equal(written.Kind, read.Event.Kind);
            Assert.Equal(written.Topics, read.Event.Topics);
            Assert.Equal(written.Keys, read.Event.Keys);
            Assert.Equal(written.Reason, read.Event.Reason);
            Assert.Equal(written.PreviousStatus, read.Event.PreviousStatus);
            Assert.Equal(written.Summary, read.Summary);
            Assert.InRange(read.Event.At, before.AddSeconds(-5), DateTimeOffset.UtcNow.AddSeconds(5));
        }
        Assert.Contains("biometrie", stored[0].Event.Topics);
        Assert.Equal([FacialRecognitionBan, "PIONANR5L17BTC0636", "PIONANR5L17BTC0636#9"], stored[0].Event.Keys);
        Assert.True(stored[1].Event.Id > stored[0].Event.Id);

        Assert.Equal([stored[1].Event.Id], (await Store.EventsSinceAsync(stored[0].Event.Id, 10, None)).Select(e => e.Event.Id));
        Assert.Single(await Store.EventsSinceAsync(0, 1, None));
        Assert.Empty(await Store.EventsSinceAsync(stored[1].Event.Id, 10, None));
    }

    [Fact]
    public async Task A_commit_that_fails_midway_leaves_nothing_behind()
    {
        var versions = new[] { Version(FacialRecognitionBan), Version(VsaRepeal) };
        // The versions are written first; the event of an item never stored then breaks the commit.
        var orphan = Event(versions[0]) with { ItemId = "AMAN-never-stored" };

        await Assert.ThrowsAnyAsync<Exception>(() => CommitAsync(Store, versions, [Event(versions[0]), orphan],
            [new WatchedKey("PIONANR5L17BTC0636", ["biometrie"])], [new DecreeCall("2023-380", "10", null)]));

        Assert.Empty(await Store.GetStatesAsync([FacialRecognitionBan, VsaRepeal], None));
        Assert.Null(await Store.LatestAsync(FacialRecognitionBan, None));
        Assert.Empty(await Store.EventsSinceAsync(0, 10, None));
        Assert.Empty(await Store.WatchedKeysAsync(["PIONANR5L17BTC0636"], None));
        Assert.Empty(await Store.DecreeCallsAsync([("2023-380", "10")], None));

        await CommitAsync(Store, versions, [Event(versions[0])]); // the store is still usable
        Assert.Equal(2, (await Store.GetStatesAsync([FacialRecognitionBan, VsaRepeal], None)).Count);
    }

    [Fact]
    public async Task The_latest_version_deserialises_to_the_record_last_stored()
    {
        var decided = Amendment(FacialRecognitionBan);
        var filed = Undecided(decided);
        await CommitAsync(Store, [Version(filed)]);
        Assert.Equal(AmendmentStatus.Filed, (await Store.LatestAsync(FacialRecognitionBan, None))!.Status);

        await CommitAsync(Store, [Version(decided)]);

        var latest = Assert.IsType<Amendment>(await Store.LatestAsync(FacialRecognitionBan, None));
        Assert.Equal(JsonSerializer.Serialize(decided), JsonSerializer.Serialize(latest));
        Assert.Equal("Rejeté", latest.Status);
        Assert.Null(await Store.LatestAsync("AMAN-never-stored", None));
    }

    [Fact]
    public async Task The_points_of_one_meeting_are_read_back_by_their_id_prefix_in_their_latest_version()
    {
        static IReadOnlyList<AgendaItem> PointsOf(string reunion) => Watch.Parsing.AssembleeNationale.AgendaParser.Parse(
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "an", "reunions", reunion + ".json")), reunion).Items;
        var sitting = PointsOf("RUANR5L17S2025IDS29020");
        var other = PointsOf("RUANR5L17S2025IDS29017");
        await CommitAsync(Store, [.. sitting.Concat(other).Select(Version), Version(Amendment(VsaRepeal))]);
        var moved = sitting[0] with { State = "Supprimé" };
        await CommitAsync(Store, [Version(moved)]);

        var read = await Store.LatestWithIdPrefixAsync(AgendaItem.IdPrefix("RUANR5L17S2025IDS29020"), None);

        Assert.Equal(sitting.Select(p => p.Id).Order(StringComparer.Ordinal), read.Select(p => p.Id));
        Assert.Equal("Supprimé", Assert.IsType<AgendaItem>(read.Single(p => p.Id == moved.Id)).State);
        // « IDS2902# » is not a prefix of « IDS29020#… »: a meeting's uid ends where its points' ids go on.
        Assert.Empty(await Store.LatestWithIdPrefixAsync(AgendaItem.IdPrefix("RUANR5L17S2025IDS2902"), None));
    }

    [Fact]
    public async Task The_same_item_twice_in_one_commit_keeps_the_last_as_its_latest_and_its_state()
    {
        var decided = Version(Amendment(VsaRepeal));
        var filed = Version(Undecided(Amendment(VsaRepeal)));

        await CommitAsync(Store, [filed, decided]);

        Assert.Equal(decided.Hash, (await Store.GetStatesAsync([VsaRepeal], None))[VsaRepeal].Hash);
        Assert.Equal("Rejeté", (await Store.LatestAsync(VsaRepeal, None))!.Status);
    }

    [Fact]
    public async Task Undecided_amendments_are_a_chambers_relevant_ones_still_filed_newest_first()
    {
        var pending = Version(Pending);
        Assert.Equal(AmendmentStatus.Filed, pending.Item.Status);
        var offTopic = Version(Undecided(Amendment(Irrelevant)));
        Assert.False(offTopic.Relevance.Relevant); // still filed, but its fate is not news
        var senat = Version(Undecided(Amendment(VsaRepeal)) with { Id = "senat:amendement:2024-2025/570/12", Chamber = Chamber.Senat });
        await CommitAsync(Store, [pending, offTopic, senat, Version(Undecided(Amendment(PrisonDrones))), Version(FacialRecognitionBan)]);
        await Task.Delay(5); // filed later, to the millisecond the stores keep
        await CommitAsync(Store, [Version(Undecided(Amendment(VsaRepeal)))]);

        Assert.Equal([VsaRepeal, Pending, PrisonDrones], await Store.UndecidedAmendmentsAsync(Chamber.AssembleeNationale, 10, None));
        Assert.Equal([VsaRepeal], await Store.UndecidedAmendmentsAsync(Chamber.AssembleeNationale, 1, None));
        Assert.Equal([senat.Item.Id], await Store.UndecidedAmendmentsAsync(Chamber.Senat, 10, None));

        await CommitAsync(Store, [Version(VsaRepeal)]); // its fate is known now: Rejeté
        Assert.Equal([Pending, PrisonDrones], await Store.UndecidedAmendmentsAsync(Chamber.AssembleeNationale, 10, None));
    }

    [Fact]
    public async Task Watched_keys_keep_the_union_of_the_topics_their_lenders_gave()
    {
        await CommitAsync(Store, [], watched: [new WatchedKey("PIONANR5L17BTC0636", ["biometrie"])]);
        await CommitAsync(Store, [], watched: [new WatchedKey("PIONANR5L17BTC0636", ["vsa", "biometrie"]), new WatchedKey("DLR5L16N49176", ["vsa"])]);

        var watched = await Store.WatchedKeysAsync(["PIONANR5L17BTC0636", "DLR5L16N49176", "DLR5L17N50169"], None);

        Assert.Equal(["DLR5L16N49176", "PIONANR5L17BTC0636"], watched.Keys.Order());
        Assert.Equal(["biometrie", "vsa"], watched["PIONANR5L17BTC0636"].Topics.Order());
        Assert.Equal(["vsa"], watched["DLR5L16N49176"].Topics);
        Assert.Empty(await Store.WatchedKeysAsync([], None));
    }

    [Fact]
    public async Task A_new_watched_key_s_topics_are_stored_once_each_in_ordinal_order_as_merged_ones_are()
    {
        await CommitAsync(Store, [], watched: [new WatchedKey("DLR5L16N49176", ["vsa", "cameras", "vsa", "Biometrie"])]);

        Assert.Equal(["Biometrie", "cameras", "vsa"], (await Store.WatchedKeysAsync(["DLR5L16N49176"], None))["DLR5L16N49176"].Topics);
    }

    [Fact]
    public async Task A_dossier_s_texts_are_kept_in_order_to_find_the_one_before_a_new_text()
    {
        await Store.RecordDossierTextsAsync("DLR5L16N49176", ["PIONANR5L16B1234", "PIONANR5L17B0134", "PIONANR5L17BTC0636"], None);

        Assert.Equal(["PIONANR5L17B0134", "PIONANR5L16B1234"], await Store.EarlierTextsAsync("PIONANR5L17BTC0636", None));
        Assert.Empty(await Store.EarlierTextsAsync("PIONANR5L16B1234", None));
        Assert.Empty(await Store.EarlierTextsAsync("PRJLANR5L17B0324", None));

        // The dossier read again with one more step: the order follows.
        await Store.RecordDossierTextsAsync("DLR5L16N49176", ["PIONANR5L16B1234", "PIONANR5L17B0134", "PIONANR5L17BTC0636", "PIONANR5L17BTC1277"], None);
        Assert.Equal(["PIONANR5L17BTC0636", "PIONANR5L17B0134", "PIONANR5L16B1234"], await Store.EarlierTextsAsync("PIONANR5L17BTC1277", None));
        Assert.Equal(["PIONANR5L16B1234", "PIONANR5L17B0134", "PIONANR5L17BTC0636", "PIONANR5L17BTC1277"], await Store.DossierTextsAsync("DLR5L16N49176", None));
        Assert.Empty(await Store.DossierTextsAsync("DLR5L17N50351", None));
    }

    [Fact]
    public async Task A_text_s_dossier_is_known_once_the_dossier_names_it()
    {
        await Store.RecordDossierTextsAsync("DLR5L16N49176", ["PIONANR5L17B0134", "PIONANR5L17BTC0636"], None);
        await Store.PlaceDossierTextAsync("senat:dossier:ppl23-756", "tas24-021", 3, None);

        var dossiers = await Store.DossiersOfTextsAsync(["PIONANR5L17BTC0636", "tas24-021", "PRJLANR5L17B0324", "PIONANR5L17BTC0636"], None);

        Assert.Equal(2, dossiers.Count);
        Assert.Equal("DLR5L16N49176", dossiers["PIONANR5L17BTC0636"]);
        Assert.Equal("senat:dossier:ppl23-756", dossiers["tas24-021"]);
        Assert.Empty(await Store.DossiersOfTextsAsync([], None));
    }

    [Fact]
    public async Task Texts_placed_without_a_step_keep_their_order_of_arrival()
    {
        await Store.PlaceDossierTextAsync("senat:dossier:ppl23-756", "ppl23-756", null, None);
        await Store.PlaceDossierTextAsync("senat:dossier:ppl23-756", "tas24-021", null, None);
        await Store.PlaceDossierTextAsync("senat:dossier:ppl23-756", "ppl23-756", null, None); // read again: stays first
        await Store.PlaceDossierTextAsync("senat:dossier:pjl16-587", "pjl16-587", null, None);

        Assert.Equal(["ppl23-756"], await Store.EarlierTextsAsync("tas24-021", None));
        Assert.Empty(await Store.EarlierTextsAsync("ppl23-756", None));
        Assert.Empty(await Store.EarlierTextsAsync("pjl16-587", None));
    }

    [Fact]
    public async Task Texts_placed_at_their_workflow_step_are_in_step_order_whatever_the_order_of_arrival()
    {
        await Store.PlaceDossierTextAsync("senat:dossier:ppl23-756", "tas24-021", 3, None);
        await Store.PlaceDossierTextAsync("senat:dossier:ppl23-756", "ppl23-756", 1, None);
        await Store.PlaceDossierTextAsync("senat:dossier:ppl23-756", "ppl24-099", 2, None);

        Assert.Equal(["ppl24-099", "ppl23-756"], await Store.EarlierTextsAsync("tas24-021", None));
        Assert.Equal(["ppl23-756"], await Store.EarlierTextsAsync("ppl24-099", None));
        Assert.Empty(await Store.EarlierTextsAsync("ppl23-756", None));
    }

    [Fact]
    public async Task Archive_entries_are_remembered_per_archive_and_a_changed_entry_replaces_its_mark()
    {
        const string amendments = "https://data.assemblee-nationale.fr/static/openData/repository/17/loi/amendements_div_legis/Amendements.json.zip";
        const string agenda = "https://data.assemblee-nationale.fr/static/openData/repository/17/vp/reunions/Agenda.json.zip";
        // Hashes span the whole 64-bit range and CRC-32 the whole unsigned 32-bit one: both must survive the round trip.
        await Store.SetArchiveEntriesAsync(amendments, new Dictionary<long, EntryMark> { [long.MinValue] = new(uint.MaxValue, 6093), [42] = new(0x0BADF00D, 1) }, None);
        await Store.SetArchiveEntriesAsync(agenda, new Dictionary<long, EntryMark> { [42] = new(7, 7) }, None);
        await Store.SetArchiveEntriesAsync(amendments, new Dictionary<long, EntryMark> { [42] = new(0xFEEDFACE, 2), [long.MaxValue] = new(1, 3) }, None);

        var marks = await Store.ArchiveEntriesAsync(amendments, None);
        Assert.Equal(3, marks.Count);
        Assert.Equal(new EntryMark(uint.MaxValue, 6093), marks[long.MinValue]);
        Assert.Equal(new EntryMark(0xFEEDFACE, 2), marks[42]);
        Assert.Equal(new EntryMark(1, 3), marks[long.MaxValue]);
        Assert.Equal(new EntryMark(7, 7), Assert.Single(await Store.ArchiveEntriesAsync(agenda, None)).Value);
        Assert.Empty(await Store.ArchiveEntriesAsync("https://data.example/other.zip", None));
    }

    [Fact]
    public async Task Watched_keys_are_listed_by_prefix_most_recent_first()
    {
        await CommitAsync(Store, [], watched: [new WatchedKey("PIONANR5L17B0134", ["cameras"]), new WatchedKey("DLR5L16N49176", ["vsa"])]);
        await Task.Delay(10); // "since" is a timestamp: the second batch must be later
        await CommitAsync(Store, [], watched: [new WatchedKey("PIONANR5L17BTC0636", ["vsa"]), new WatchedKey("PRJLANR5L17BTC3046", ["vsa"])]);

        Assert.Equal(["PIONANR5L17BTC0636", "PIONANR5L17B0134"], await Store.WatchedKeysStartingWithAsync("PIONAN", 10, None));
        Assert.Equal(["PIONANR5L17BTC0636"], await Store.WatchedKeysStartingWithAsync("PIONAN", 1, None));
        Assert.Empty(await Store.WatchedKeysStartingWithAsync("PION_N", 10, None));
    }

    [Fact]
    public async Task A_call_for_a_decree_stays_resolved_by_the_first_decree_that_answered_it()
    {
        await CommitAsync(Store, [], calls: [new DecreeCall("2023-380", "10", null), new DecreeCall("2023-380", "12", null)]);
        var awaiting = Assert.Single(await Store.DecreeCallsAsync([("2023-380", "10"), ("2023-380", "99")], None));
        Assert.Equal(("2023-380", "10", (string?)null), (awaiting.Law, awaiting.Article, awaiting.ResolvedBy));
        Assert.NotNull(awaiting.Since);

        await CommitAsync(Store, [], calls: [new DecreeCall("2023-380", "10", "JORFTEXT000048023155")]);
        await CommitAsync(Store, [], calls: [new DecreeCall("2023-380", "10", "JORFTEXT000049999999"), new DecreeCall("2023-380", "10", null)]);

        var calls = await Store.DecreeCallsAsync([("2023-380", "12"), ("2023-380", "10"), ("2023-380", "10")], None);
        Assert.Equal([("12", null), ("10", "JORFTEXT000048023155")], calls.Select(c => (c.Article, c.ResolvedBy)));
        Assert.Equal(awaiting.Since, calls[1].Since); // still awaited since the law, not since the décret
    }

    [Fact]
    public async Task A_source_has_completed_a_run_once_it_is_marked()
    {
        Assert.False(await Store.HasCompletedRunAsync("an-amendements", None));
        await Store.MarkRunCompletedAsync("an-amendements", DateTimeOffset.UtcNow, None);
        await Store.MarkRunCompletedAsync("an-amendements", DateTimeOffset.UtcNow, None);
        Assert.True(await Store.HasCompletedRunAsync("an-amendements", None));
        Assert.False(await Store.HasCompletedRunAsync("legifrance-jorf", None));
    }

    // ---- HTTP validators ------------------------------------------------------------------------

    [Fact]
    public async Task Http_validators_are_kept_per_url_and_replaced_whole()
    {
        const string url = "https://data.assemblee-nationale.fr/static/openData/repository/17/loi/amendements_div_legis/Amendements.json.zip";
        Assert.Null(await Store.GetAsync(url, None));

        await Store.SetAsync(new HttpValidators(url, "\"5f3a-61b2c\"", "Tue, 18 Nov 2025 06:12:44 GMT"), None);
        Assert.Equal(new HttpValidators(url, "\"5f3a-61b2c\"", "Tue, 18 Nov 2025 06:12:44 GMT"), await Store.GetAsync(url, None));

        await Store.SetAsync(new HttpValidators(url, null, "Wed, 19 Nov 2025 06:02:10 GMT"), None);
        Assert.Equal(new HttpValidators(url, null, "Wed, 19 Nov 2025 06:02:10 GMT"), await Store.GetAsync(url, None));
        Assert.Null(await Store.GetAsync(url + "?other", None));
    }

    // ---- outbox ---------------------------------------------------------------------------------

    [Fact]
    public async Task A_row_s_saved_progress_comes_back_with_its_next_claim_and_stops_once_sent()
    {
        await EventFannedOutToAsync(("mastodon", "mastodon.example"));
        var now = DateTimeOffset.UtcNow;
        var first = Assert.Single(await Store.ClaimDueAsync(null, now, now + TimeSpan.FromSeconds(30), 10, None));
        Assert.Null(first.Progress);

        await Store.SaveProgressAsync(first.OutboxId, "110000000000000001,110000000000000002", None);
        var again = Assert.Single(await Store.ClaimDueAsync(null, now.AddMinutes(1), now.AddMinutes(1) + TimeSpan.FromSeconds(30), 10, None));
        Assert.Equal("110000000000000001,110000000000000002", again.Progress);

        await Store.MarkSentAsync(again.OutboxId, "110000000000000001", now, None);
        await Store.SaveProgressAsync(again.OutboxId, "late", None); // a late save does not bring a sent row back
        Assert.Empty(await Store.ClaimDueAsync(null, now.AddMinutes(2), now.AddMinutes(2) + TimeSpan.FromSeconds(30), 10, None));
        Assert.Equal("sent", Assert.Single(await Store.EntriesAsync(None)).State);
    }

    [Fact]
    public async Task Fan_out_adds_each_event_channel_recipient_row_once_and_marks_the_event()
    {
        var version = Version(FacialRecognitionBan);
        await CommitAsync(Store, [version], [Event(version)]);
        var pending = Assert.Single(await Store.PendingFanOutAsync(10, None));

        await Store.FanOutAsync(pending.Event.Id, [("telegram", "4242"), ("telegram", "4243"), ("file", "data/outbox.txt")], None);
        Assert.Empty(await Store.PendingFanOutAsync(10, None));
        // Repeated after a crash, with one more recipient since: nothing is duplicated.
        await Store.FanOutAsync(pending.Event.Id, [("telegram", "4242"), ("telegram", "4243"), ("telegram", "4243"), ("telegram", "4244")], None);

        var entries = await Store.EntriesAsync(None);
        Assert.Equal([("telegram", "4242"), ("telegram", "4243"), ("file", "data/outbox.txt"), ("telegram", "4244")],
            entries.Select(e => (e.Channel, e.Recipient)));
        Assert.All(entries, e => Assert.Equal((pending.Event.Id, "pending", 0, (string?)null), (e.EventId, e.State, e.Attempts, e.LastError)));
    }

    [Fact]
    public async Task An_event_without_recipients_is_still_marked_fanned_out()
    {
        await EventFannedOutToAsync();
        Assert.Empty(await Store.PendingFanOutAsync(10, None));
        Assert.Empty(await Store.EntriesAsync(None));
    }

    [Fact]
    public async Task Claimed_rows_are_leased_until_the_lease_expires()
    {
        var eventId = await EventFannedOutToAsync(("telegram", "1"), ("telegram", "2"), ("telegram", "3"));
        var summary = (await Store.EventsSinceAsync(0, 1, None))[0].Summary;
        var now = DateTimeOffset.UtcNow.AddSeconds(1);
        var lease = TimeSpan.FromMinutes(1);

        Assert.Empty(await Store.ClaimDueAsync(null, now.AddMinutes(-1), now.AddMinutes(-1) + lease, 10, None)); // not due before they were queued
        var first = await Store.ClaimDueAsync(null, now, now + lease, 2, None);
        Assert.Equal(["1", "2"], first.Select(m => m.Recipient));
        var m = first[0];
        Assert.Equal((eventId, "telegram", summary, $"watch-{eventId}-telegram-1", 1), (m.EventId, m.Channel, m.Summary, m.IdempotencyKey, m.Attempt));

        Assert.Equal(["3"], (await Store.ClaimDueAsync(null, now, now + lease, 10, None)).Select(x => x.Recipient));
        Assert.Empty(await Store.ClaimDueAsync(null, now + lease - TimeSpan.FromSeconds(1), now + 2 * lease - TimeSpan.FromSeconds(1), 10, None));

        // The dispatcher that held them died: once the lease is over they are due again, as a second attempt.
        var again = await Store.ClaimDueAsync(null, now + lease, now + 2 * lease, 10, None);
        Assert.Equal(["1", "2", "3"], again.Select(x => x.Recipient));
        Assert.All(again, x => Assert.Equal(2, x.Attempt));
        Assert.All(await Store.EntriesAsync(None), e => Assert.Equal(2, e.Attempts));
    }

    [Fact]
    public async Task A_channel_s_due_rows_are_claimed_apart_from_the_other_channels_rows()
    {
        await EventFannedOutToAsync(("mastodon", "account"), ("telegram", "1"), ("telegram", "2"), ("email", "a@example.org"));
        var now = DateTimeOffset.UtcNow.AddSeconds(1);
        var lease = TimeSpan.FromMinutes(1);

        Assert.Empty(await Store.DueChannelsAsync(now.AddMinutes(-1), None)); // not due before they were queued
        Assert.Equal(["email", "mastodon", "telegram"], await Store.DueChannelsAsync(now, None));
        Assert.Equal(["1", "2"], (await Store.ClaimDueAsync("telegram", now, now + lease, 10, None)).Select(m => m.Recipient));
        Assert.Equal(["email", "mastodon"], await Store.DueChannelsAsync(now, None)); // telegram's rows are leased

        var mastodon = Assert.Single(await Store.ClaimDueAsync("mastodon", now, now + lease, 10, None));
        Assert.Equal(("mastodon", "account"), (mastodon.Channel, mastodon.Recipient));
        Assert.Empty(await Store.ClaimDueAsync("telegram", now, now + lease, 10, None));
        Assert.Equal("a@example.org", Assert.Single(await Store.ClaimDueAsync(null, now, now + lease, 10, None)).Recipient);
        Assert.Empty(await Store.DueChannelsAsync(now, None));
    }

    [Fact]
    public async Task Sent_and_gone_rows_are_never_claimed_again_and_a_retry_waits_until_its_time()
    {
        await EventFannedOutToAsync(("telegram", "sent"), ("telegram", "retry"), ("telegram", "gone"));
        var now = DateTimeOffset.UtcNow.AddSeconds(1);
        var claimed = (await Store.ClaimDueAsync(null, now, now + TimeSpan.FromSeconds(30), 10, None)).ToDictionary(x => x.Recipient, x => x.OutboxId);

        await Store.MarkSentAsync(claimed["sent"], "msg-8812", now, None);
        await Store.MarkRetryAsync(claimed["retry"], "HTTP 429 Too Many Requests", now.AddMinutes(5), None);
        await Store.MarkGoneAsync(claimed["gone"], "Forbidden: bot was blocked by the user", None);
        await Store.MarkRetryAsync(claimed["sent"], "late failure report", now, None); // a sent row stays sent

        var entries = (await Store.EntriesAsync(None)).ToDictionary(e => e.Recipient);
        Assert.Equal(("sent", (string?)null), (entries["sent"].State, entries["sent"].LastError));
        Assert.Equal(("pending", "HTTP 429 Too Many Requests"), (entries["retry"].State, entries["retry"].LastError));
        Assert.Equal(("gone", "Forbidden: bot was blocked by the user"), (entries["gone"].State, entries["gone"].LastError));

        Assert.Empty(await Store.ClaimDueAsync(null, now.AddMinutes(4), now.AddMinutes(4) + TimeSpan.FromSeconds(30), 10, None));
        var retried = Assert.Single(await Store.ClaimDueAsync(null, now.AddMinutes(5), now.AddMinutes(5) + TimeSpan.FromSeconds(30), 10, None));
        Assert.Equal(("retry", 2), (retried.Recipient, retried.Attempt));
        Assert.Equal(["retry"], (await Store.ClaimDueAsync(null, now.AddHours(1), now.AddHours(1) + TimeSpan.FromSeconds(30), 10, None)).Select(x => x.Recipient));
    }

    [Fact]
    public async Task A_released_row_is_due_again_at_its_time_without_counting_its_claim_as_an_attempt()
    {
        await EventFannedOutToAsync(("mastodon", "mastodon.example"), ("mastodon", "sent"));
        var now = DateTimeOffset.UtcNow.AddSeconds(1);
        var claimed = (await Store.ClaimDueAsync(null, now, now + TimeSpan.FromMinutes(5), 10, None)).ToDictionary(x => x.Recipient, x => x.OutboxId);
        await Store.MarkSentAsync(claimed["sent"], "110000000000000001", now, None);

        await Store.ReleaseAsync(claimed["mastodon.example"], "401: the access token was refused", now.AddMinutes(1), None);
        await Store.ReleaseAsync(claimed["sent"], "late release", now, None); // a sent row stays sent

        var entries = (await Store.EntriesAsync(None)).ToDictionary(e => e.Recipient);
        Assert.Equal(("pending", 0, "401: the access token was refused"),
            (entries["mastodon.example"].State, entries["mastodon.example"].Attempts, entries["mastodon.example"].LastError));
        Assert.Equal(("sent", 1), (entries["sent"].State, entries["sent"].Attempts));
        Assert.Empty(await Store.ClaimDueAsync(null, now.AddSeconds(59), now.AddMinutes(6), 10, None));
        var again = Assert.Single(await Store.ClaimDueAsync(null, now.AddMinutes(1), now.AddMinutes(6), 10, None));
        Assert.Equal(("mastodon.example", 1), (again.Recipient, again.Attempt));
    }

    [Fact]
    public async Task Due_rows_of_an_event_too_old_expire_and_stay_in_the_table_counted_per_channel()
    {
        await EventFannedOutToAsync(("telegram", "due"), ("mastodon", "mastodon.example"), ("telegram", "later"), ("telegram", "sent"),
            ("mastodon", "thread.example"));
        var at = (await Store.EventsSinceAsync(0, 1, None))[0].Event.At;
        var now = DateTimeOffset.UtcNow.AddSeconds(1);
        var claimed = (await Store.ClaimDueAsync(null, now, now + TimeSpan.FromSeconds(30), 10, None)).ToDictionary(x => x.Recipient, x => x.OutboxId);
        await Store.MarkSentAsync(claimed["sent"], "msg-8812", now, None);
        await Store.MarkRetryAsync(claimed["due"], "HTTP 502 Bad Gateway", now, None);
        await Store.MarkRetryAsync(claimed["mastodon.example"], "HTTP 502 Bad Gateway", now, None);
        await Store.MarkRetryAsync(claimed["later"], "HTTP 502 Bad Gateway", now.AddHours(1), None); // as if another dispatcher held it
        // A thread cut after its first part: expiring it would leave « (1/3) » alone in public for good.
        await Store.SaveProgressAsync(claimed["thread.example"], "110001", None);
        await Store.MarkRetryAsync(claimed["thread.example"], "HTTP 429 Too Many Requests", now, None);

        Assert.Empty(await Store.ExpireAsync(now, at, "too old", None)); // an event is not older than itself
        var expired = await Store.ExpireAsync(now, at.AddMilliseconds(1), "not sent within 3.00:00:00 of its event", None);

        Assert.Equal(new Dictionary<string, int> { ["telegram"] = 1, ["mastodon"] = 1 }, expired);
        var entries = (await Store.EntriesAsync(None)).ToDictionary(e => e.Recipient, e => (e.State, e.LastError));
        Assert.Equal(("expired", "not sent within 3.00:00:00 of its event"), entries["due"]);
        Assert.Equal(("expired", "not sent within 3.00:00:00 of its event"), entries["mastodon.example"]);
        Assert.Equal(("pending", "HTTP 502 Bad Gateway"), entries["later"]);
        Assert.Equal(("sent", (string?)null), entries["sent"]);
        Assert.Equal(("pending", "HTTP 429 Too Many Requests"), entries["thread.example"]);
        Assert.Equal("thread.example", Assert.Single(await Store.ClaimDueAsync(null, now, now + TimeSpan.FromSeconds(30), 10, None)).Recipient);
        Assert.Empty(await Store.ExpireAsync(now, at.AddMilliseconds(1), "again", None));
    }

    [Fact]
    public async Task Concurrent_claimers_in_two_processes_never_get_the_same_row()
    {
        const int rows = 90;
        await EventFannedOutToAsync(Enumerable.Range(0, rows).Select(i => ("telegram", (800_000 + i).ToString())).ToArray());
        var other = await OpenAsync();
        try
        {
            var now = DateTimeOffset.UtcNow.AddSeconds(1);
            var claimed = new ConcurrentBag<long>();
            var claimers = new[] { Store, other }.SelectMany(store => Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var batch = await store.ClaimDueAsync(null, now, now + TimeSpan.FromMinutes(10), 3, None);
                    if (batch.Count == 0) return;
                    foreach (var m in batch) claimed.Add(m.OutboxId);
                }
            })));
            await Task.WhenAll(claimers);

            Assert.Equal(rows, claimed.Count);
            Assert.Equal(rows, claimed.Distinct().Count());
            Assert.All(await Store.EntriesAsync(None), e => Assert.Equal(1, e.Attempts));
        }
        finally
        {
            await CloseAsync(other);
        }
    }

    /// <summary>Releases a store opened by <see cref="OpenAsync"/> besides <see cref="Store"/>.</summary>
    /// <summary>Two relevant items of one batch lending the same text with different topics.</summary>
    [Fact]
    public async Task Lenders_of_the_same_key_in_one_batch_all_give_it_their_topics()
    {
        await Store.CommitAsync([], [], [new WatchedKey("PIONANR5L17BTC0636", ["biometrie"]), new WatchedKey("PIONANR5L17BTC0636", ["vsa"])], [],
            CancellationToken.None);

        var watched = await Store.WatchedKeysAsync(["PIONANR5L17BTC0636"], CancellationToken.None);
        Assert.Equal(["biometrie", "vsa"], watched["PIONANR5L17BTC0636"].Topics);
    }

    protected abstract Task CloseAsync(TStore store);

    // ---- subscribers ----------------------------------------------------------------------------

    [Fact]
    public async Task A_subscriber_is_created_once_per_channel_and_address_with_an_unguessable_token()
    {
        var created = await Store.GetOrCreateAsync("email", "veille@laquadrature.example", SubscriberState.Pending, None);
        Assert.Equal(("email", "veille@laquadrature.example", SubscriberState.Pending, 0L), (created.Channel, created.Address, created.State, created.Watermark));
        Assert.Matches("^[A-Za-z0-9_-]{22}$", created.Token); // 128 bits, URL-safe base64 without padding

        var again = await Store.GetOrCreateAsync("email", "veille@laquadrature.example", SubscriberState.Active, None);
        Assert.Equal(created, again); // neither a new row nor a new state

        var telegram = await Store.GetOrCreateAsync("telegram", "veille@laquadrature.example", SubscriberState.Active, None);
        Assert.NotEqual(created.Id, telegram.Id);
        Assert.NotEqual(created.Token, telegram.Token);

        Assert.Equal(created, await Store.FindAsync("email", "veille@laquadrature.example", None));
        Assert.Equal(created, await Store.FindByTokenAsync(created.Token, None));
        Assert.Null(await Store.FindAsync("email", "autre@example.org", None));
        Assert.Null(await Store.FindByTokenAsync("AAAAAAAAAAAAAAAAAAAAAA", None));

        await Store.SetStateAsync(created.Id, SubscriberState.Active, None);
        Assert.Equal(SubscriberState.Active, (await Store.FindByTokenAsync(created.Token, None))!.State);
    }

    [Fact]
    public async Task Following_and_unfollowing_say_whether_anything_changed()
    {
        var s = await Store.GetOrCreateAsync("telegram", "4242", SubscriberState.Active, None);

        Assert.True(await Store.FollowAsync(s.Id, "vsa", None));
        Assert.False(await Store.FollowAsync(s.Id, "vsa", None));
        Assert.True(await Store.FollowAsync(s.Id, "PIONANR5L17BTC0636", None));
        Assert.True(await Store.FollowAsync(s.Id, "DLR5L16N49176", None));
        Assert.Equal(["DLR5L16N49176", "PIONANR5L17BTC0636", "vsa"], (await Store.SubscriptionsAsync(s.Id, None)).Select(x => x.Value));

        Assert.True(await Store.UnfollowAsync(s.Id, "vsa", None));
        Assert.False(await Store.UnfollowAsync(s.Id, "vsa", None));
        Assert.Equal(["DLR5L16N49176", "PIONANR5L17BTC0636"], (await Store.SubscriptionsAsync(s.Id, None)).Select(x => x.Value));
    }

    [Fact]
    public async Task Followers_are_the_active_subscribers_of_the_channel_following_a_topic_or_key_of_the_event()
    {
        var byTopic = await Store.GetOrCreateAsync("telegram", "1", SubscriberState.Active, None);
        var byKeyAndTopic = await Store.GetOrCreateAsync("telegram", "2", SubscriberState.Active, None);
        var paused = await Store.GetOrCreateAsync("telegram", "3", SubscriberState.Paused, None);
        var otherChannel = await Store.GetOrCreateAsync("email", "4@example.org", SubscriberState.Active, None);
        var elsewhere = await Store.GetOrCreateAsync("telegram", "5", SubscriberState.Active, None);
        await Store.FollowAsync(byTopic.Id, "biometrie", None);
        await Store.FollowAsync(byKeyAndTopic.Id, "biometrie", None);
        await Store.FollowAsync(byKeyAndTopic.Id, "PIONANR5L17BTC0636#9", None);
        await Store.FollowAsync(paused.Id, "biometrie", None);
        await Store.FollowAsync(otherChannel.Id, "biometrie", None);
        await Store.FollowAsync(elsewhere.Id, "narcotrafic", None);
        var version = Version(FacialRecognitionBan);
        await CommitAsync(Store, [version], [Event(version)]);
        var followable = (await Store.EventsSinceAsync(0, 1, None))[0].Event.Followable;

        var followers = await Store.FollowersAsync("telegram", followable, None);

        Assert.Equal([byTopic.Id, byKeyAndTopic.Id], followers.Select(f => f.Id));
        Assert.Empty(await Store.FollowersAsync("telegram", [], None));
        Assert.Equal([byTopic.Id, byKeyAndTopic.Id, elsewhere.Id], (await Store.ActiveAsync("telegram", None)).Select(s => s.Id));
        Assert.Equal([otherChannel.Id], (await Store.ActiveAsync("email", None)).Select(s => s.Id));
    }

    [Fact]
    public async Task A_watermark_only_moves_forward()
    {
        var s = await Store.GetOrCreateAsync("email", "digest@example.org", SubscriberState.Active, None);
        await Store.SetWatermarkAsync(s.Id, 10, None);
        await Store.SetWatermarkAsync(s.Id, 5, None);
        Assert.Equal(10, (await Store.FindAsync("email", "digest@example.org", None))!.Watermark);
        await Store.SetWatermarkAsync(s.Id, 12, None);
        Assert.Equal(12, (await Store.FindAsync("email", "digest@example.org", None))!.Watermark);
    }

    [Fact]
    public async Task A_subscriber_s_refusals_read_back_as_set_and_start_at_zero()
    {
        var s = await Store.GetOrCreateAsync("email", "parti@example.org", SubscriberState.Active, None);
        Assert.Equal((0, 0L), (s.Refusals, s.RefusedUpTo));
        await Store.SetRefusalsAsync(s.Id, 2, 4_000_000_000, None);
        var other = await Store.GetOrCreateAsync("email", "alix@example.org", SubscriberState.Active, None);
        Assert.Equal((2, 4_000_000_000L), ((await Store.FindByTokenAsync(s.Token, None))!.Refusals, (await Store.ActiveAsync("email", None)).Single(a => a.Id == s.Id).RefusedUpTo));
        Assert.Equal((0, 0L), ((await Store.FindByTokenAsync(other.Token, None))!.Refusals, (await Store.FindByTokenAsync(other.Token, None))!.RefusedUpTo));
    }
}
