using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watch.Delivery;
using Watch.Delivery.Email;
using Watch.Relevance;
using Watch.Tests.Infrastructure;
using Watch.Tests.Web;
using Watch.Versions;

namespace Watch.Tests.Delivery.Email;

/// <summary>
/// The email digest against real peers on loopback: MailDev as the SMTP server (read back through its API),
/// the subscription pages served by Kestrel, and events made by the real ingest pipeline from recorded AN
/// amendments (src/Watch/replay/an/amendements).
/// </summary>
public sealed class EmailDigestTests : IAsyncLifetime
{
    private MailDevServer _maildev = null!;

    public async Task InitializeAsync() => _maildev = await MailDevServer.StartAsync();

    public async Task DisposeAsync() => await _maildev.DisposeAsync();

    [Fact]
    public async Task Subscribe_confirm_digest_then_only_new_events_then_one_click_unsubscribe()
    {
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(_maildev.SmtpPort));
        var topics = web.Services.GetRequiredService<IOptions<WatchlistOptions>>().Value.Topics.Select(t => t.Id).ToList();
        const string address = "camille@example.org";

        // Subscribe through the form: a pending subscriber and one confirmation mail with its token.
        using var form = new FormUrlEncodedContent([new("email", "  Camille@Example.org "), .. topics.Select(t => new KeyValuePair<string, string>("sujet", t))]);
        using (var response = await web.Http.PostAsync("abonnement", form))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await web.JobsRunAsync(1);
        var pending = await web.SubscriberAsync(address);
        Assert.Equal(SubscriberState.Pending, pending.State);
        Assert.Equal(topics.Order(), (await web.Subscribers.SubscriptionsAsync(pending.Id, default)).Select(s => s.Value).Order());

        var confirmation = Assert.Single(await _maildev.MessagesAsync(atLeast: 1));
        Assert.Equal(address, confirmation.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Equal("Watch — confirmez votre abonnement à la veille surveillance", confirmation.GetProperty("subject").GetString());
        var link = Regex.Match(confirmation.GetProperty("text").GetString()!, @"http://\S+/confirmation\?token=[A-Za-z0-9_-]+").Value;
        Assert.Equal(new Uri(web.BaseUrl, $"confirmation?token={pending.Token}").AbsoluteUri, link);
        Assert.Equal(link, Html(confirmation).QuerySelector("a")!.GetAttribute("href"));

        // Following the link shows a button (a mail scanner following it confirms nothing); pressing it activates.
        using (var http = new HttpClient())
        {
            using (var page = await http.GetAsync(link))
                Assert.Contains("Confirmer mon abonnement", await page.Content.ReadAsStringAsync());
            Assert.Equal(SubscriberState.Pending, (await web.SubscriberAsync(address)).State);
            using var response = await http.PostAsync(link, null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Abonnement confirmé", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(SubscriberState.Active, (await web.SubscriberAsync(address)).State);
        await _maildev.DeleteAllAsync();

        // A week of events on two texts → one digest with both groups, every event once.
        var week1 = await web.IngestRecordedAsync("BTC0636", "B0134");
        Assert.True(week1.Count >= 4, $"the recorded amendments should give several events, got {week1.Count}");
        var first = await web.Digest.RunOnceAsync(null, default);
        Assert.Equal(new DigestRunReport(1, 1, 0, 0, week1.Max(e => e.Event.Id)), first);

        var digest = Assert.Single(await _maildev.MessagesAsync(atLeast: 1));
        var subject = digest.GetProperty("subject").GetString()!;
        // The events are today's: the digest speaks of the seven days before today, and today.
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris")).DateTime);
        Assert.Equal($"Watch — veille surveillance : {week1.Count} événements {DigestRenderer.Period(today.AddDays(-7), today)}", subject);

        var text = digest.GetProperty("text").GetString()!;
        var html = Html(digest);
        Assert.Equal(week1.Count, html.QuerySelectorAll("li").Length);
        foreach (var e in week1)
        {
            Assert.Contains(e.Summary.Headline, text);
            Assert.Contains(e.Summary.Url, text);
            Assert.Contains(html.QuerySelectorAll("li"), li => li.TextContent.Contains(e.Summary.Headline)
                && li.QuerySelector("a")!.GetAttribute("href") == e.Summary.Url);
        }
        var groups = html.QuerySelectorAll("h2").Select(h => h.TextContent).ToList();
        Assert.Equal(["Texte de la commission n° 636 (PIONANR5L17BTC0636)", "Proposition de loi n° 134 (PIONANR5L17B0134)"],
            groups.OrderByDescending(g => g.Contains("636")).ToList());
        Assert.Contains("== Texte de la commission n° 636 (PIONANR5L17BTC0636) ==", text);
        Assert.Equal("fr", html.DocumentElement.GetAttribute("lang"));

        // One-click unsubscribe headers (raw source), and the same link in both bodies.
        var unsubscribe = new Uri(web.BaseUrl, $"desabonnement?token={pending.Token}").AbsoluteUri;
        var source = Unfold(await _maildev.RawSourceAsync(digest.GetProperty("id").GetString()!));
        // The HTTPS link only: a mailto: one would go to a mailbox nobody reads.
        Assert.Equal($"<{unsubscribe}>", Regex.Match(source, @"^List-Unsubscribe: (.*?)\r?$", RegexOptions.Multiline).Groups[1].Value);
        Assert.Contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click", source);
        Assert.Contains("Content-Type: multipart/alternative", source);
        Assert.Contains($"Message-Id: <digest-{pending.Id}-{first.UpTo}@watch.test>", source, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"Se désabonner : {unsubscribe}", text);
        Assert.Equal(unsubscribe, html.QuerySelectorAll("a").Last().GetAttribute("href"));

        // No new event: no mail.
        var idle = await web.Digest.RunOnceAsync(null, default);
        Assert.Equal(0, idle.Sent);
        Assert.Single(await _maildev.MessagesAsync());

        // New events: the next digest has them, and none of the first week's.
        var week2 = await web.IngestRecordedAsync("BTC1043");
        Assert.NotEmpty(week2);
        Assert.Equal(1, (await web.Digest.RunOnceAsync(null, default)).Sent);
        var messages = await _maildev.MessagesAsync(atLeast: 2);
        Assert.Equal(2, messages.Count);
        var second = messages[1];
        Assert.StartsWith($"Watch — veille surveillance : {Count(week2.Count)} ", second.GetProperty("subject").GetString());
        var secondText = second.GetProperty("text").GetString()!;
        Assert.All(week2, e => Assert.Contains(e.Summary.Url, secondText));
        Assert.All(week1, e => Assert.DoesNotContain(e.Summary.Url, secondText));
        Assert.Equal(week2.Count, Html(second).QuerySelectorAll("li").Length);

        // The RFC 8058 one-click POST from the header unsubscribes; later digests skip the address.
        using (var oneClick = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]))
        using (var http = new HttpClient())
        using (var response = await http.PostAsync(unsubscribe, oneClick))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SubscriberState.Unsubscribed, (await web.SubscriberAsync(address)).State);
        await web.IngestRecordedAsync("B1277", "B0324", "B0369");
        Assert.Equal(0, (await web.Digest.RunOnceAsync(null, default)).Subscribers);
        Assert.Equal(2, (await _maildev.MessagesAsync()).Count);
    }

    /// <remarks>
    /// A refusal for now (451) is this recipient's as much as one for good (550): the server is still there for the others.
    /// The first waits for a retry; the second counts towards the address being dropped, until a digest passes.
    /// </remarks>
    [Theory]
    [InlineData(SmtpFaultProxy.UserUnknown, 0, 1)]
    [InlineData(SmtpFaultProxy.RateLimited, 1, 0)]
    public async Task A_recipient_the_server_refuses_gets_everything_next_run_and_the_others_are_not_affected(string refusal, int failed, int refused)
    {
        await using var proxy = new SmtpFaultProxy(_maildev.SmtpHost, _maildev.SmtpPort);
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(proxy.Port));
        // Served in id order: the refused address comes between two others, so the connection must
        // still serve the one after it.
        await web.ActiveSubscriberAsync("dominique@example.org", "vsa", "biometrie", "cameras");
        await web.ActiveSubscriberAsync("refuse@example.org", "vsa", "biometrie", "cameras");
        await web.ActiveSubscriberAsync("alix@example.org", "vsa", "biometrie", "cameras");
        proxy.RefusedRecipients["refuse@example.org"] = refusal;

        var week1 = Followed(await web.IngestRecordedAsync("BTC0636"), "vsa", "biometrie", "cameras");
        Assert.NotEmpty(week1);
        var run1 = await web.Digest.RunOnceAsync(null, default);
        Assert.Equal((3, 2, failed, refused), (run1.Subscribers, run1.Sent, run1.Failed, run1.Refused));
        Assert.Equal(1, proxy.Refusals);
        Assert.Equal((0, refused), ((await web.SubscriberAsync("refuse@example.org")).Watermark, (await web.SubscriberAsync("refuse@example.org")).Refusals));
        Assert.Equal(run1.UpTo, (await web.SubscriberAsync("dominique@example.org")).Watermark);
        Assert.Equal(run1.UpTo, (await web.SubscriberAsync("alix@example.org")).Watermark);
        var delivered = await _maildev.MessagesAsync(atLeast: 2);
        Assert.Equal(["alix@example.org", "dominique@example.org"], delivered.Select(To).Order().ToList());

        // The server takes the address again; new events arrive meanwhile.
        proxy.RefusedRecipients.Clear();
        var week2 = Followed(await web.IngestRecordedAsync("BTC1043"), "vsa", "biometrie", "cameras");
        Assert.NotEmpty(week2);
        var run2 = await web.Digest.RunOnceAsync(null, default);
        Assert.Equal((3, 0, 0), (run2.Sent, run2.Failed, run2.Refused));
        Assert.Equal(0, (await web.SubscriberAsync("refuse@example.org")).Refusals);

        var messages = (await _maildev.MessagesAsync(atLeast: 5)).Skip(2).ToList();
        var late = messages.Single(m => To(m) == "refuse@example.org").GetProperty("text").GetString()!;
        Assert.All(week1.Concat(week2), e => Assert.Contains(e.Summary.Url, late));
        Assert.StartsWith($"Watch — veille surveillance : {Count(week1.Count + week2.Count)} ",
            messages.Single(m => To(m) == "refuse@example.org").GetProperty("subject").GetString());
        foreach (var other in messages.Where(m => To(m) != "refuse@example.org"))
        {
            var body = other.GetProperty("text").GetString()!;
            Assert.All(week2, e => Assert.Contains(e.Summary.Url, body));
            Assert.All(week1, e => Assert.DoesNotContain(e.Summary.Url, body));
        }
        Assert.Equal(3, messages.Count);
    }

    [Fact]
    public async Task An_address_refused_for_good_three_weekly_digests_in_a_row_is_no_longer_mailed()
    {
        await using var proxy = new SmtpFaultProxy(_maildev.SmtpHost, _maildev.SmtpPort);
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(proxy.Port));
        await web.ActiveSubscriberAsync("alix@example.org", "vsa", "biometrie", "cameras");
        await web.ActiveSubscriberAsync("parti@example.org", "vsa", "biometrie", "cameras");
        proxy.RefusedRecipients["parti@example.org"] = SmtpFaultProxy.UserUnknown;
        proxy.RefusedRecipients["alix@example.org"] = SmtpFaultProxy.RateLimited;

        // Week 1: alix is greylisted, parti does not exist. The run fails for alix only: one retry is scheduled.
        Assert.NotEmpty(Followed(await web.IngestRecordedAsync("BTC0636"), "vsa", "biometrie", "cameras"));
        await Assert.ThrowsAsync<EmailDigestException>(() => web.Digest.RunAsync(default));
        Assert.Equal(2, proxy.Refusals);
        var retry = Assert.Single(web.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 10)).Value.Job;

        // The retry of the same week mails alix, and not the address already refused for good.
        proxy.RefusedRecipients.TryRemove("alix@example.org", out _);
        await web.Digest.RetryAsync((long)retry.Args[0], (int)retry.Args[1], default);
        Assert.Equal(2, proxy.Refusals);
        Assert.Equal(["alix@example.org"], (await _maildev.MessagesAsync(atLeast: 1)).Select(To).ToList());
        Assert.Equal((1, SubscriberState.Active), ((await web.SubscriberAsync("parti@example.org")).Refusals, (await web.SubscriberAsync("parti@example.org")).State));

        // Weeks 2 and 3: refused again; the third refusal in a row drops the address.
        foreach (var (week, refusals) in new[] { ("BTC1043", 2), ("B0134", 3) })
        {
            Assert.NotEmpty(Followed(await web.IngestRecordedAsync(week), "vsa", "biometrie", "cameras"));
            var run = await web.Digest.RunOnceAsync(null, default);
            Assert.Equal((1, 0, 1), (run.Sent, run.Failed, run.Refused));
            Assert.Equal(refusals + 1, proxy.Refusals);
            Assert.Equal(refusals, (await web.SubscriberAsync("parti@example.org")).Refusals);
        }
        Assert.Equal(SubscriberState.Gone, (await web.SubscriberAsync("parti@example.org")).State);

        // Week 4: nobody writes to it any more.
        Assert.NotEmpty(Followed(await web.IngestRecordedAsync("B1277", "B0324", "B0369"), "vsa", "biometrie", "cameras"));
        var after = await web.Digest.RunOnceAsync(null, default);
        Assert.Equal((1, 1, 0, 0), (after.Subscribers, after.Sent, after.Failed, after.Refused));
        Assert.Equal(4, proxy.Refusals);
        Assert.All(await _maildev.MessagesAsync(atLeast: 4), m => Assert.Equal("alix@example.org", To(m)));
    }

    /// <remarks>
    /// Refusals that are Watch's, not the addresses': a relay that lost its login refuses every recipient, a server refuses
    /// the sender, or says « no such user » to everyone. None may count towards dropping a subscriber; the run fails.
    /// </remarks>
    [Theory]
    [InlineData(SmtpFaultProxy.RelayDenied, null)]
    [InlineData(null, SmtpFaultProxy.SenderNotOwned)]
    [InlineData(SmtpFaultProxy.UserUnknown, null)]
    public async Task A_refusal_of_every_address_or_of_the_sender_drops_nobody_and_fails_the_run(string? recipientRefusal, string? senderRefusal)
    {
        await using var proxy = new SmtpFaultProxy(_maildev.SmtpHost, _maildev.SmtpPort) { SenderRefusal = senderRefusal };
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(proxy.Port));
        string[] addresses = ["alix@example.org", "dominique@example.org"];
        foreach (var address in addresses)
        {
            await web.ActiveSubscriberAsync(address, "vsa", "biometrie", "cameras");
            if (recipientRefusal is not null) proxy.RefusedRecipients[address] = recipientRefusal;
        }

        foreach (var week in new[] { "BTC0636", "BTC1043", "B0134" })
        {
            Assert.NotEmpty(Followed(await web.IngestRecordedAsync(week), "vsa", "biometrie", "cameras"));
            var failure = await Assert.ThrowsAsync<EmailDigestException>(() => web.Digest.RunAsync(default));
            Assert.Equal((0, 0), (failure.Report.Sent, failure.Report.Refused));
            Assert.Contains((recipientRefusal ?? senderRefusal)![4..], failure.Message);
        }

        foreach (var address in addresses)
            Assert.Equal((SubscriberState.Active, 0, 0L), ((await web.SubscriberAsync(address)).State, (await web.SubscriberAsync(address)).Refusals,
                (await web.SubscriberAsync(address)).Watermark));
        Assert.Empty(await _maildev.MessagesAsync());
    }

    [Fact]
    public async Task When_the_SMTP_server_is_down_nobody_loses_events_and_a_bounded_retry_is_scheduled()
    {
        await using var proxy = new SmtpFaultProxy(_maildev.SmtpHost, _maildev.SmtpPort) { Down = true };
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(proxy.Port));
        await web.ActiveSubscriberAsync("a@example.org", "vsa", "biometrie", "cameras");
        await web.ActiveSubscriberAsync("b@example.org", "vsa", "biometrie", "cameras");
        var ingested = await web.IngestRecordedAsync("BTC0636");
        var week1 = Followed(ingested, "vsa", "biometrie", "cameras");

        // The recurring entry point: nothing sent, nothing marked, one retry scheduled for the same range (every event
        // of the week, followed by these subscribers or not), and the run fails, to show red on the dashboard.
        var failure = await Assert.ThrowsAsync<EmailDigestException>(() => web.Digest.RunAsync(default));
        Assert.StartsWith("Email digest: 2 of 2 subscriber(s) not reached", failure.Message);
        Assert.Contains($"smtp 127.0.0.1:{proxy.Port}", failure.Message);
        Assert.Empty(await _maildev.MessagesAsync());
        Assert.All(new[] { "a@example.org", "b@example.org" }, a => Assert.Equal(0, web.SubscriberAsync(a).Result.Watermark));
        var scheduled = Assert.Single(web.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 10));
        Assert.Equal(nameof(EmailDigestJob.RetryAsync), scheduled.Value.Job.Method.Name);
        Assert.Equal(ingested.Max(e => e.Event.Id), (long)scheduled.Value.Job.Args[0]);

        // The server is back and new events came: the next run gives each subscriber both weeks.
        proxy.Down = false;
        var week2 = Followed(await web.IngestRecordedAsync("BTC1043"), "vsa", "biometrie", "cameras");
        var run = await web.Digest.RunOnceAsync(null, default);
        Assert.Equal((2, 0), (run.Sent, run.Failed));
        var messages = await _maildev.MessagesAsync(atLeast: 2);
        Assert.Equal(["a@example.org", "b@example.org"], messages.Select(To).Order().ToList());
        Assert.All(messages, m => Assert.All(week1.Concat(week2), e => Assert.Contains(e.Summary.Url, m.GetProperty("text").GetString()!)));

        // The retry that was scheduled finds nothing left to send.
        await web.Digest.RetryAsync((long)scheduled.Value.Job.Args[0], 1, default);
        Assert.Equal(2, (await _maildev.MessagesAsync()).Count);
    }

    [Fact]
    public async Task A_server_closing_the_connection_with_421_stops_the_run()
    {
        await using var proxy = new SmtpFaultProxy(_maildev.SmtpHost, _maildev.SmtpPort);
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(proxy.Port));
        await web.ActiveSubscriberAsync("dominique@example.org", "vsa", "biometrie", "cameras");
        await web.ActiveSubscriberAsync("ferme@example.org", "vsa", "biometrie", "cameras");
        await web.ActiveSubscriberAsync("alix@example.org", "vsa", "biometrie", "cameras");
        proxy.RefusedRecipients["ferme@example.org"] = SmtpFaultProxy.ClosingChannel;
        Assert.NotEmpty(Followed(await web.IngestRecordedAsync("BTC0636"), "vsa", "biometrie", "cameras"));

        var run = await web.Digest.RunOnceAsync(null, default);

        // The subscriber after the 421 waits for the retry, as when the server is down, instead of a new connection at once.
        Assert.Equal((3, 1, 2), (run.Subscribers, run.Sent, run.Failed));
        Assert.Equal(1, proxy.Refusals);
        Assert.Equal(["dominique@example.org"], (await _maildev.MessagesAsync(atLeast: 1)).Select(To).ToList());
        Assert.Equal(0, (await web.SubscriberAsync("alix@example.org")).Watermark);
    }

    [Fact]
    public async Task A_digest_has_only_what_the_subscriber_follows()
    {
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(_maildev.SmtpPort));
        // One follows a text by its identifier, the other a topic; a third follows nothing that happened.
        await web.ActiveSubscriberAsync("texte@example.org", "PIONANR5L17BTC1043");
        await web.ActiveSubscriberAsync("son@example.org", "son");
        var events = await web.IngestRecordedAsync("BTC0636", "BTC1043");
        var ofText = events.Where(e => e.Event.Keys.Contains("PIONANR5L17BTC1043")).ToList();
        var ofSound = Followed(events, "son");

        var run = await web.Digest.RunOnceAsync(null, default);

        var messages = await _maildev.MessagesAsync();
        var textMail = messages.Single(m => To(m) == "texte@example.org").GetProperty("text").GetString()!;
        Assert.All(ofText, e => Assert.Contains(e.Summary.Url, textMail));
        Assert.All(events.Except(ofText), e => Assert.DoesNotContain(e.Summary.Url, textMail));
        Assert.Equal(ofSound.Count == 0 ? 1 : 2, messages.Count);
        Assert.Equal(ofSound.Count == 0 ? 1 : 0, run.NothingNew);
        // Both watermarks moved: nothing is looked at twice.
        Assert.Equal(run.UpTo, (await web.SubscriberAsync("son@example.org")).Watermark);
    }

    [Fact]
    public async Task A_dossier_s_events_are_headed_by_the_dossier_s_title()
    {
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(_maildev.SmtpPort));
        await web.ActiveSubscriberAsync("dossier@example.org", "DLR5L16N49176");
        await web.Services.GetRequiredService<Watch.Pipeline.IngestPipeline>().IngestAsync([Watch.Tests.Pipeline.RelevanceLinksTests.Transports()], default);
        var events = await web.IngestRecordedAsync("BTC0636");
        Assert.Contains(events, e => e.Event.Keys.Contains("DLR5L16N49176"));

        await web.Digest.RunOnceAsync(null, default);

        var mail = Assert.Single(await _maildev.MessagesAsync(atLeast: 1));
        Assert.Contains("== Renforcement de la sûreté dans les transports (dossier législatif, Assemblée nationale) ==", mail.GetProperty("text").GetString());
        Assert.Equal("Renforcement de la sûreté dans les transports (dossier législatif, Assemblée nationale)", Html(mail).QuerySelector("h2")!.TextContent);
    }

    [Fact]
    public async Task A_subscriber_confirmed_today_gets_the_last_week_not_the_whole_history()
    {
        // Seen from nine days later, the events already stored are old history.
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(_maildev.SmtpPort), new ShiftedClock(TimeSpan.FromDays(9)));
        var old = await web.IngestRecordedAsync("BTC0636");
        var pending = await web.Subscribers.GetOrCreateAsync("email", "eden@example.org", SubscriberState.Pending, default);
        await web.Subscribers.FollowAsync(pending.Id, "vsa", default);

        using (var response = await web.Http.PostAsync($"confirmation?token={pending.Token}", null))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var eden = await web.SubscriberAsync("eden@example.org");
        Assert.Equal((SubscriberState.Active, old.Max(e => e.Event.Id)), (eden.State, eden.Watermark));
        Assert.Equal(0, (await web.Digest.RunOnceAsync(null, default)).Sent);
        Assert.Empty(await _maildev.MessagesAsync());
    }

    private sealed class ShiftedClock(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + shift;
    }

    private static List<StoredEvent> Followed(IEnumerable<StoredEvent> events, params string[] values) =>
        events.Where(e => e.Event.Followable.Any(values.Contains)).ToList();

    private static string Count(int n) => n == 1 ? "1 événement" : $"{n} événements";

    private static string To(JsonElement message) => message.GetProperty("to")[0].GetProperty("address").GetString()!;

    private static AngleSharp.Html.Dom.IHtmlDocument Html(JsonElement message) =>
        new HtmlParser().ParseDocument(message.GetProperty("html").GetString()!);

    /// <summary>Header lines as one line each (RFC 5322 folding undone).</summary>
    private static string Unfold(string source) => Regex.Replace(source, @"\r?\n[ \t]+", " ");
}
