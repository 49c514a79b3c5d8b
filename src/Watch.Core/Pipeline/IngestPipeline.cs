using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Watch.Diff;
using Watch.Domain;
using Watch.Relevance;
using Watch.Summaries;
using Watch.Versions;

namespace Watch.Pipeline;

/// <summary>One item as the pipeline left it: why it matched and which event it raised, if any.</summary>
public sealed record IngestedItem(WatchItem Item, RelevanceResult Relevance, EventKind? Event, Summary? Summary);

public sealed record IngestReport(int Seen, int Changed, int Events, IReadOnlyList<IngestedItem> Relevant);

/// <summary>
/// The one-way middle of Watch: items from a source are classified, compared with their stored
/// version, kept when they changed, and turned into summarised events when they matter. Works in
/// batches, each one transaction, so a large dump streams through in constant memory.
/// </summary>
public sealed class IngestPipeline(IVersionStore store, RelevanceClassifier classifier, EventSummarizer summarizer, ILogger<IngestPipeline> log)
{
    private const int BatchSize = 500;

    private readonly TextChain _chain = new(store);

    private static readonly JsonSerializerOptions PayloadOptions = new()
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <param name="announce">False for a source's first run over a whole archive: versions and watched keys are
    /// stored as the baseline, but years of history are not announced as news.</param>
    public async Task<IngestReport> IngestAsync(IAsyncEnumerable<WatchItem> items, CancellationToken ct, bool announce = true)
    {
        var batch = new List<WatchItem>(BatchSize);
        var relevant = new List<IngestedItem>();
        int seen = 0, changed = 0, events = 0;
        // One batch is written while the next is classified: SQLite works on one core while the others serialise
        // and classify. The states of the batch being written stand in for the store's until it lands; what else
        // the next batch reads from the store (watched keys, earlier texts, calls for décrets) is read once it has.
        Task commit = Task.CompletedTask;
        IReadOnlyDictionary<string, ItemState> inFlight = new Dictionary<string, ItemState>();

        async Task Flush()
        {
            var (versions, states) = await ClassifyBatchAsync(batch, inFlight, ct);
            await commit;
            var prepared = await RelateAsync(versions, states, relevant, announce, ct);
            changed += prepared.Versions.Count;
            events += prepared.Events.Count;
            inFlight = prepared.Versions.ToDictionary(v => v.Item.Id, v => new ItemState(v.Item.Id, v.Hash, v.Item.Status, v.SubstanceHash, v.Relevance.Relevant));
            commit = Task.Run(() => store.CommitAsync(prepared.Versions, prepared.Events, prepared.Watched, prepared.DecreeCalls, ct), ct);
            batch.Clear();
        }

        await foreach (var item in items.WithCancellation(ct))
        {
            seen++;
            batch.Add(item);
            if (batch.Count == BatchSize) await Flush();
        }
        if (batch.Count > 0) await Flush();
        await commit;

        log.LogInformation("Ingested {Seen} items: {Changed} new or changed, {Events} events", seen, changed, events);
        return new IngestReport(seen, changed, events, relevant);
    }

    private sealed record PreparedBatch(IReadOnlyList<ItemVersion> Versions, IReadOnlyList<NewEvent> Events, IReadOnlyList<WatchedKey> Watched,
        IReadOnlyList<DecreeCall> DecreeCalls);

    public Task<IngestReport> IngestAsync(IEnumerable<WatchItem> items, CancellationToken ct) => IngestAsync(items.ToAsyncEnumerable(), ct);

    /// <summary>The batch's new and changed items, classified on their own words, with the states they replace.</summary>
    private async Task<(List<ItemVersion> Changed, Dictionary<string, ItemState> States)> ClassifyBatchAsync(List<WatchItem> batch,
        IReadOnlyDictionary<string, ItemState> inFlight, CancellationToken ct)
    {
        // The same item twice in one batch (listed on two days): the last one read wins.
        var unique = batch.GroupBy(i => i.Id).Select(g => g.Last()).ToList();
        var stored = await store.GetStatesAsync(unique.Select(i => i.Id).ToList(), ct);
        var states = unique.Select(i => inFlight.TryGetValue(i.Id, out var s) || stored.TryGetValue(i.Id, out s) ? s : null)
            .OfType<ItemState>().ToDictionary(s => s.ItemId);
        await KeepDossiersOfCancelledPointsAsync(unique, states, ct);
        // Serialising, hashing and classifying are pure and CPU-bound: spread them over the cores.
        var prepared = unique.AsParallel().AsOrdered().Select(item =>
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(item, item.GetType(), PayloadOptions);
            return (Item: item, Payload: payload, Hash: Convert.ToHexString(SHA256.HashData(payload)));
        }).ToList();
        var changed = prepared
            .Where(p => !states.TryGetValue(p.Item.Id, out var previous) || previous.Hash != p.Hash)
            .AsParallel().AsOrdered()
            .Select(p => new ItemVersion(p.Item, p.Hash, Hash(p.Item.Substance), p.Payload, classifier.Classify(p.Item)))
            .ToList();
        return (changed, states);
    }

    /// <summary>
    /// The AN strips a point's dossier when it cancels the point or its meeting (« Examen du texte », Supprimé, no
    /// dossierRef): the point keeps the dossiers its stored version named, so that it is still about that bill, and
    /// the bill's followers hear that its examination was called off. Done before hashing, so the next read of the
    /// same point is no change.
    /// </summary>
    private async Task KeepDossiersOfCancelledPointsAsync(List<WatchItem> items, Dictionary<string, ItemState> states, CancellationToken ct)
    {
        for (var i = 0; i < items.Count; i++)
            if (items[i] is AgendaItem { IsCancelled: true, DossierRefs.Count: 0 } point && states.ContainsKey(point.Id)
                && await store.LatestAsync(point.Id, ct) is AgendaItem { DossierRefs.Count: > 0 } before)
                items[i] = point with { DossierRefs = before.DossierRefs };
    }

    /// <summary>
    /// What the classified items are to what is stored (every batch before this one): the keys they follow, the
    /// texts before them, the décrets they await or bring; and the events they raise.
    /// </summary>
    private async Task<PreparedBatch> RelateAsync(List<ItemVersion> changed, Dictionary<string, ItemState> states,
        List<IngestedItem> relevant, bool announce, CancellationToken ct)
    {
        changed = await FollowWatchedKeysAsync(changed, ct);

        foreach (var dossier in changed.Select(v => v.Item).OfType<Dossier>())
            await store.RecordDossierTextsAsync(dossier.Id, dossier.TextRefs, ct);
        // The Sénat's texts name their dossier and their step in it themselves: the index lists the newest first.
        foreach (var text in changed.Select(v => v.Item).OfType<LegislativeText>().Where(t => t.Chamber == Chamber.Senat))
        {
            if (text.DossierSignet is not { } signet) continue;
            await store.PlaceDossierTextAsync(SenatDossier.IdOf(signet), text.Name, text.WorkflowStep, ct);
            // Its amendments name it by session and number (« senat:2023-2024:756 »), and their dossier only once the
            // text's discussion list exists: placed under that name too, the text gives them their dossier from the start.
            // (As an earlier text of the dossier that name finds no text, and is passed over.)
            if (text.AmendedAs != text.Name) await store.PlaceDossierTextAsync(SenatDossier.IdOf(signet), text.AmendedAs, text.WorkflowStep, ct);
        }

        var newEvents = new List<NewEvent>();
        var watched = changed.Where(v => v.Relevance.Relevant)
            .SelectMany(v => RelevanceLinks.Lends(v.Item).Select(key => new WatchedKey(key, v.Relevance.Topics)))
            .ToList();
        // Each text's predecessor in its dossier, read once: watched articles are carried over from it, and a new
        // text is told by its diff against it.
        var texts = changed.Select(v => v.Item).OfType<LegislativeText>().ToDictionary(t => t.Id, StringComparer.Ordinal);
        var earlier = new Dictionary<string, LegislativeText>(StringComparer.Ordinal);
        foreach (var text in texts.Values)
            if (await _chain.EarlierAsync(text, texts, ct) is { } found) earlier[text.Id] = found;
        // Texts are read every half hour, their dossier every few hours: a dossier that places texts read before it
        // carries the watched articles down to them now, as it would have had it come first.
        var placed = new Dictionary<string, LegislativeText>(texts, StringComparer.Ordinal);
        foreach (var dossier in changed.Select(v => v.Item).OfType<Dossier>())
            foreach (var stored in await _chain.StoredTextsAsync(dossier, ct))
                if (!placed.ContainsKey(stored.Id) && await _chain.EarlierAsync(stored, placed, ct) is { } before)
                    (placed[stored.Id], earlier[stored.Id]) = (stored, before);
        // A text's diff against the one before it serves twice: to carry the watched articles, and to tell a new text.
        var comparisons = new Dictionary<string, TextComparison>(StringComparer.Ordinal);
        TextComparison AgainstEarlier(LegislativeText text) =>
            comparisons.TryGetValue(text.Id, out var known) ? known : comparisons[text.Id] = TextComparison.Of(earlier[text.Id], text);
        watched.AddRange(await CarryWatchedArticlesAsync(placed, earlier, AgainstEarlier, ct));
        // A baseline is not news, but an item already stored is not part of it: another source stored it (the archive's
        // first run finds decided an amendment the daily list announced filed), and its change is an event as ever.
        var relevantNow = changed.Where(v => v.Relevance.Relevant).Select(v =>
        {
            var previous = states.GetValueOrDefault(v.Item.Id);
            return (Version: v, Previous: previous, Kind: announce || previous is not null ? EventFor(v.Item, previous, v.SubstanceHash) : null);
        }).ToList();
        // Whoever follows a dossier follows its texts and their amendments: their events name it too.
        var dossiers = await store.DossiersOfTextsAsync(relevantNow.Where(v => v.Kind is not null).SelectMany(v => NamedKeys(v.Version.Item)).ToList(), ct);
        // An agenda point says « Examen du texte », an amendment names its text by number: the dossier's title says which bill.
        var dossierNames = await DossierTitles.ReadAsync(store, relevantNow.Where(v => v.Kind is not null).SelectMany(v => EventKeys(v.Version.Item, dossiers)),
            changed.Select(v => v.Item), ct);
        foreach (var (version, previous, kind) in relevantNow)
        {
            var (item, relevance) = (version.Item, version.Relevance);
            Summary? summary = null;
            var told = kind;
            if (kind is { } k)
            {
                // A text's new version is told by its article diff against the version it replaces; a new text
                // of a dossier, against the dossier's text before it (the commission's text against the bill).
                var comparison = (k, item) switch
                {
                    (EventKind.ContentChanged, LegislativeText text) => Against(await store.LatestAsync(item.Id, ct), text),
                    // Moved to a new stage and changed in the same run: the stage alone would hide the new words for good.
                    (EventKind.StatusChanged, LegislativeText text) when previous!.SubstanceHash != version.SubstanceHash => Against(await store.LatestAsync(item.Id, ct), text),
                    (EventKind.Created, LegislativeText text) when earlier.ContainsKey(text.Id) => AgainstEarlier(text),
                    _ => null,
                };
                // Republished with its typography retouched only (capitals, quotes, « € » for « euros »): the words are the
                // same, so there is no diff to tell; the version is stored all the same.
                if (k != EventKind.Created && comparison is not null && !comparison.Diff.Changes.Any())
                {
                    comparison = null;
                    if (k == EventKind.ContentChanged) told = null;
                }
                if (told is not null)
                {
                    var keys = EventKeys(item, dossiers);
                    var named = keys.Where(dossierNames.ContainsKey).ToDictionary(key => key, key => dossierNames[key]);
                    summary = summarizer.Summarize(item, k, previous?.Status, relevance, comparison, named);
                    newEvents.Add(new NewEvent(item.Id, item.Kind, k, relevance.Topics, keys, relevance.Explain(), previous?.Status, summary));
                }
            }
            relevant.Add(new IngestedItem(item, relevance, told, summary));
        }

        var decreeCalls = await FollowDecreesAsync(changed, announce, newEvents, ct);
        return new PreparedBatch(changed, newEvents, watched, decreeCalls);
    }

    /// <summary>
    /// What an event can be followed by: its item's keys, and the dossier of any text among them (an AN amendment
    /// names its text, the dossier names its texts). A Sénat text names its dossier itself. A meeting names its texts
    /// by number, as every text that number may be: those a dossier holds are the ones it means.
    /// </summary>
    private static List<string> EventKeys(WatchItem item, IReadOnlyDictionary<string, string> dossiers)
    {
        var keys = item.TrackingKeys.ToList();
        if (item is AgendaItem point) keys.AddRange(point.NamedTexts.Where(dossiers.ContainsKey));
        return [.. keys.Concat(keys.Select(k => dossiers.GetValueOrDefault(k)).OfType<string>()).Distinct()];
    }

    /// <summary>The keys an item names: its own, and for a meeting every text its numbers may be (<see cref="EventKeys"/> keeps those a dossier holds).</summary>
    private static IEnumerable<string> NamedKeys(WatchItem item) => item is AgendaItem point ? [.. point.TrackingKeys, .. point.NamedTexts] : item.TrackingKeys;

    /// <summary>
    /// A watched article stays watched in its dossier's next text, under the number it has there (article 7 of the
    /// bill is article 10 of the commission's text): the two texts' articles are aligned by content, as their diff
    /// aligns them. Watched are the articles the watchlist names and those carried over before.
    /// </summary>
    /// <param name="againstEarlier">A text's diff against its entry in <paramref name="earlierTexts"/>.</param>
    private async Task<List<WatchedKey>> CarryWatchedArticlesAsync(IReadOnlyDictionary<string, LegislativeText> texts,
        IReadOnlyDictionary<string, LegislativeText> earlierTexts, Func<LegislativeText, TextComparison> againstEarlier, CancellationToken ct)
    {
        var carried = new List<WatchedKey>();
        foreach (var text in EarlierFirst(texts, earlierTexts))
        {
            if (!earlierTexts.TryGetValue(text.Id, out var earlier)) continue;
            var prefix = ArticleRef.Key(earlier.AmendedAs, "");
            var stored = await store.WatchedKeysStartingWithAsync(prefix, MaxWatchedArticles, ct);
            var topics = classifier.WatchedArticlesOf(earlier.AmendedAs).Select(a => (a.Key, Topics: (IReadOnlyList<string>)a.Topics))
                .Concat((await store.WatchedKeysAsync(stored, ct)).Values.Select(k => (k.Key, k.Topics)))
                .Concat(carried.Where(k => k.Key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).Select(k => (k.Key, k.Topics)))
                .GroupBy(a => a.Key[(a.Key.IndexOf('#') + 1)..], StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => g.SelectMany(a => a.Topics).Distinct().ToList(), StringComparer.OrdinalIgnoreCase);
            if (topics.Count == 0) continue;
            foreach (var article in againstEarlier(text).Diff.Articles)
            {
                if (article.AfterNumber is not { } after) continue;
                // Its words are followed where they went: into another article (83 B takes up 83, struck out; 2 takes up 3).
                var of = article.TakesUp.Select(a => a.Number).Append(article.Kind == ArticleChangeKind.Deleted ? null : article.BeforeNumber)
                    .SelectMany(n => n is not null && topics.TryGetValue(n, out var t) ? t : []).Distinct().ToList();
                if (of.Count > 0) carried.Add(new WatchedKey(ArticleRef.Key(text.AmendedAs, after), of));
            }
        }
        return carried;
    }

    /// <summary>A text's diff against its previous version, when one is stored.</summary>
    private static TextComparison? Against(WatchItem? previous, LegislativeText text) => previous is LegislativeText older ? TextComparison.Of(older, text) : null;

    /// <summary>The texts, each after the text before it when both are in the batch: a bill, the commission's text and the
    /// adopted text read together carry the bill's watched articles down the line.</summary>
    private static List<LegislativeText> EarlierFirst(IReadOnlyDictionary<string, LegislativeText> texts, IReadOnlyDictionary<string, LegislativeText> earlierTexts)
    {
        var ordered = new List<LegislativeText>();
        var placed = new HashSet<string>(StringComparer.Ordinal);
        void Place(LegislativeText text)
        {
            if (!placed.Add(text.Id)) return;
            if (earlierTexts.TryGetValue(text.Id, out var earlier) && texts.TryGetValue(earlier.Id, out var before)) Place(before);
            ordered.Add(text);
        }
        foreach (var text in texts.Values) Place(text);
        return ordered;
    }

    /// <summary>More watched articles than any bill has.</summary>
    private const int MaxWatchedArticles = 1_000;

    /// <summary>
    /// A relevant law whose articles call for a décret records them as awaited; a relevant décret applying one
    /// of them resolves it. Each is an event (see <see cref="ImplementingDecrees"/>).
    /// </summary>
    private async Task<List<DecreeCall>> FollowDecreesAsync(List<ItemVersion> changed, bool announce, List<NewEvent> events, CancellationToken ct)
    {
        var texts = changed.Where(v => v.Relevance.Relevant && v.Item is OfficialText).ToList();
        if (texts.Count == 0) return [];
        var calls = texts.Select(v => (Version: v, Law: (OfficialText)v.Item))
            .Where(t => t.Law.Number is not null)
            .Select(t => (t.Version, t.Law, Articles: ImplementingDecrees.CallsOf(t.Law).ToList()))
            .Where(t => t.Articles.Count > 0).ToList();
        var answers = texts.Select(v => (Version: v, Decree: (OfficialText)v.Item, Keys: ImplementingDecrees.AnswersOf((OfficialText)v.Item).ToList()))
            .Where(a => a.Keys.Count > 0).ToList();
        var known = (await store.DecreeCallsAsync(
                [.. calls.SelectMany(c => c.Articles.Select(a => (c.Law.Number!, a))), .. answers.SelectMany(a => a.Keys)], ct))
            .ToDictionary(c => (c.Law, c.Article));
        // A law and the décret applying it may come in one batch (one JO, or the days an outage missed): the call is
        // recorded, then answered below, and the law does not say it awaits a décret already published.
        var answeredHere = answers.SelectMany(a => a.Keys).ToHashSet();

        var recorded = new List<DecreeCall>();
        foreach (var (version, law, articles) in calls)
        {
            var fresh = articles.Where(a => !known.ContainsKey((law.Number!, a))).Select(a => new DecreeCall(law.Number!, a, null)).ToList();
            recorded.AddRange(fresh);
            foreach (var call in fresh) known[(call.Law, call.Article)] = call;
            var awaited = fresh.Where(c => !answeredHere.Contains((c.Law, c.Article))).Select(c => c.Article).ToList();
            if (awaited.Count == 0) continue;
            if (announce)
                Replace(events, law.Id, new NewEvent(law.Id, law.Kind, EventKind.AwaitingDecree, version.Relevance.Topics, law.TrackingKeys.ToList(),
                    version.Relevance.Explain(), null, summarizer.AwaitingDecree(law, awaited, version.Relevance)));
        }
        foreach (var (version, decree, keys) in answers)
        {
            var answered = keys.Select(k => known.GetValueOrDefault(k)).OfType<DecreeCall>().Where(c => c.ResolvedBy is null).ToList();
            if (answered.Count == 0) continue;
            recorded.AddRange(answered.Select(c => c with { ResolvedBy = decree.Id }));
            if (announce)
                Replace(events, decree.Id, new NewEvent(decree.Id, decree.Kind, EventKind.DecreePublished, version.Relevance.Topics, decree.TrackingKeys.ToList(),
                    version.Relevance.Explain(), null, summarizer.DecreePublished(decree, answered, version.Relevance)));
        }
        return recorded;
    }

    /// <summary>One message per text: the décret-specific one takes the place of a plain « nouveau texte ».</summary>
    private static void Replace(List<NewEvent> events, string itemId, NewEvent specific)
    {
        events.RemoveAll(e => e.ItemId == itemId && e.Kind == EventKind.Created);
        events.Add(specific);
    }

    /// <summary>Items that name a watched text, dossier or law follow it (see <see cref="RelevanceLinks.Following"/>).</summary>
    private async Task<List<ItemVersion>> FollowWatchedKeysAsync(List<ItemVersion> versions, CancellationToken ct)
    {
        var borrowers = versions
            .Select(v => (Version: v, Keys: RelevanceLinks.Borrows(v.Item).ToList()))
            .Where(b => b.Keys.Count > 0)
            .ToList();
        if (borrowers.Count == 0) return versions;
        var wanted = borrowers.SelectMany(b => b.Keys).ToHashSet();
        var watched = new Dictionary<string, WatchedKey>(await store.WatchedKeysAsync(wanted, ct));
        // Keys lent in this same batch count too: the décret that applies a law may be in the law's own JO.
        foreach (var lender in versions.Where(v => v.Relevance.Relevant))
            foreach (var key in RelevanceLinks.Lends(lender.Item).Where(wanted.Contains))
                watched.TryAdd(key, new WatchedKey(key, lender.Relevance.Topics));
        if (watched.Count == 0) return versions;

        var followed = borrowers
            .Select(b => (b.Version, Keys: b.Keys.Where(watched.ContainsKey).Select(k => watched[k]).ToList()))
            .Where(b => b.Keys.Count > 0)
            .ToDictionary(b => b.Version, b => b.Keys);
        return versions.Select(v => followed.TryGetValue(v, out var keys)
            ? v with { Relevance = RelevanceLinks.Following(v.Relevance, keys[0].Key, keys.SelectMany(k => k.Topics)) }
            : v).ToList();
    }

    /// <summary>
    /// New (or newly relevant) items are events; so are a changed status and a changed substance.
    /// A version that differs only in metadata is stored but says nothing to subscribers.
    /// </summary>
    private static EventKind? EventFor(WatchItem item, ItemState? previous, string substanceHash)
    {
        if (previous is null || !previous.Relevant) return EventKind.Created;
        if (previous.Status != item.Status) return EventKind.StatusChanged;
        if (previous.SubstanceHash != substanceHash) return EventKind.ContentChanged;
        return null;
    }

    private static string Hash(string text) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
