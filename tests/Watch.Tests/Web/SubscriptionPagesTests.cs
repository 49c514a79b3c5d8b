using System.Net;
using Hangfire;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Watch.Delivery;
using Watch.Delivery.Email;
using Watch.Tests.Delivery.Email;
using Watch.Relevance;
using Watch.Tests.Infrastructure;

namespace Watch.Tests.Web;

/// <summary>The subscription pages served by Kestrel on loopback, read with HttpClient; confirmation mails go to MailDev.</summary>
public sealed class SubscriptionPagesTests : IAsyncLifetime
{
    private MailDevServer _maildev = null!;
    private WatchWebHost _web = null!;

    public async Task InitializeAsync()
    {
        _maildev = await MailDevServer.StartAsync();
        _web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(_maildev.SmtpPort));
    }

    public async Task DisposeAsync()
    {
        await _web.DisposeAsync();
        await _maildev.DisposeAsync();
    }

    private IReadOnlyList<TopicOptions> Topics => _web.Services.GetRequiredService<IOptions<WatchlistOptions>>().Value.Topics;

    [Fact]
    public async Task The_form_is_French_accessible_and_lists_the_watchlist_topics()
    {
        using var response = await _web.Http.GetAsync("abonnement");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        Assert.Contains("default-src 'none'", response.Headers.GetValues("Content-Security-Policy").Single());

        var page = await ParseAsync(response);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("S'abonner au résumé hebdomadaire", page.QuerySelector("h1")!.TextContent);
        var form = Assert.IsAssignableFrom<IHtmlFormElement>(page.QuerySelector("main form"));
        Assert.Equal("post", form.Method);
        Assert.Equal("Adresse électronique", page.QuerySelector("label[for=email]")!.TextContent);
        Assert.Equal("email", page.QuerySelector("#email")!.GetAttribute("type"));
        Assert.Equal("Sujets suivis", page.QuerySelector("fieldset legend")!.TextContent);
        var boxes = page.QuerySelectorAll("fieldset input[type=checkbox][name=sujet]").ToList();
        Assert.Equal(Topics.Select(t => t.Id), boxes.Select(b => b.GetAttribute("value")));
        foreach (var topic in Topics)
            Assert.Equal(topic.Label, page.QuerySelector($"label[for='sujet-{topic.Id}']")!.TextContent);
        Assert.Equal("S'abonner", page.QuerySelector("button[type=submit]")!.TextContent);
    }

    [Fact]
    public async Task Invalid_input_is_refused_with_a_French_message_and_echoed_escaped()
    {
        const string hostile = "\"><script>alert(1)</script>";
        using var bad = await PostAsync(hostile, "vsa");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var page = await ParseAsync(bad);
        Assert.Equal("Cette adresse électronique n'est pas valide.", page.QuerySelector("[role=alert]")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("script"));
        Assert.Equal(hostile, page.QuerySelector("#email")!.GetAttribute("value"));

        using var none = await PostAsync("alice@example.org");
        Assert.Equal(HttpStatusCode.BadRequest, none.StatusCode);
        Assert.Equal("Choisissez au moins un sujet.", (await ParseAsync(none)).QuerySelector("[role=alert]")!.TextContent);

        using var unknown = await PostAsync("alice@example.org", "vsa", "<b>x</b>");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal("Le sujet « <b>x</b> » n'existe pas.", (await ParseAsync(unknown)).QuerySelector("[role=alert]")!.TextContent);

        Assert.Equal(0, _web.JobsCreated());
        Assert.Null(await _web.Subscribers.FindAsync("email", "alice@example.org", default));
        Assert.Empty(await _maildev.MessagesAsync());
    }

    [Fact]
    public async Task A_pending_address_is_not_mailed_twice_within_the_hour()
    {
        using (var first = await PostAsync("bob@example.org", "vsa"))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using var second = await PostAsync("bob@example.org", "vsa", "son");

        // Same answer, no second mail; the topics chosen last are kept for the confirmation.
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("Vérifiez votre boîte aux lettres", (await ParseAsync(second)).QuerySelector("h1")!.TextContent);
        await _web.JobsRunAsync(2);
        Assert.Single(await _maildev.MessagesAsync(atLeast: 1));
        var bob = await _web.SubscriberAsync("bob@example.org");
        Assert.Equal(SubscriberState.Pending, bob.State);
        Assert.Equal(["son", "vsa"], (await _web.Subscribers.SubscriptionsAsync(bob.Id, default)).Select(s => s.Value));
    }

    [Fact]
    public async Task Tagged_variants_of_one_mailbox_share_its_hourly_confirmation_mail()
    {
        using (var first = await PostAsync("camille+1@example.org", "vsa"))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        using (var second = await PostAsync("camille+2@example.org", "vsa"))
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        await _web.JobsRunAsync(2);
        var mail = Assert.Single(await _maildev.MessagesAsync(atLeast: 1));
        Assert.Equal("camille+1@example.org", mail.GetProperty("to")[0].GetProperty("address").GetString());
    }

    [Fact]
    public async Task The_form_takes_five_requests_per_client_in_ten_minutes_then_answers_429_in_French()
    {
        // No proxy is trusted by default: a client naming itself another in X-Forwarded-For is still the one connected.
        for (var i = 1; i <= 5; i++)
            using (var accepted = await PostFromAsync(_web, $"198.51.100.{i}", $"flood{i}@example.org"))
                Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        using var refused = await PostFromAsync(_web, "198.51.100.6", "flood6@example.org");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("no-store", refused.Headers.CacheControl!.ToString());
        var page = await ParseAsync(refused);
        Assert.Equal("fr", page.DocumentElement.GetAttribute("lang"));
        Assert.Equal("Trop de demandes", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("abonnement", page.QuerySelector("main a")!.GetAttribute("href"));
        // The other pages are not limited.
        using (var form = await _web.Http.GetAsync("abonnement"))
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        using (var link = await _web.Http.PostAsync("confirmation?token=AAAAAAAAAAAAAAAAAAAAAA", null))
            Assert.Equal(HttpStatusCode.NotFound, link.StatusCode);

        await _web.JobsRunAsync(5);
        Assert.Equal(5, _web.JobsCreated());
        Assert.Null(await _web.Subscribers.FindAsync("email", "flood6@example.org", default));
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_each_client_has_its_own_limit_within_the_limit_of_all()
    {
        await using var web = await WatchWebHost.StartAsync(new Dictionary<string, string?>(WatchWebHost.Smtp(_maildev.SmtpPort))
        {
            ["Channels:Email:FormLimits:PerClient"] = "2",
            ["Channels:Email:FormLimits:AllClients"] = "5",
            ["Channels:Email:TrustedProxies:0"] = "127.0.0.1",
        });
        async Task<HttpStatusCode> Post(string client, string email)
        {
            using var response = await PostFromAsync(web, client, email);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.OK, await Post("203.0.113.1", "a1@example.org"));
        Assert.Equal(HttpStatusCode.OK, await Post("203.0.113.1", "a2@example.org"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Post("203.0.113.1", "a3@example.org"));
        // An IPv6 client is its /64: changing the rest of the address gains nothing.
        Assert.Equal(HttpStatusCode.OK, await Post("2001:db8::1", "b1@example.org"));
        Assert.Equal(HttpStatusCode.OK, await Post("2001:db8::2", "b2@example.org"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Post("2001:db8::3", "b3@example.org"));
        // Four taken of five: the two refused above did not count against everyone's limit.
        Assert.Equal(HttpStatusCode.OK, await Post("198.51.100.7", "c1@example.org"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await Post("198.51.100.8", "d1@example.org"));

        await web.JobsRunAsync(5);
        Assert.Equal(5, web.JobsCreated());
    }

    [Fact]
    public async Task An_active_address_is_not_changed_or_mailed_from_the_form()
    {
        var active = await _web.ActiveSubscriberAsync("claude@example.org", "vsa");

        using var response = await PostAsync("claude@example.org", "son");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _web.JobsRunAsync(1);
        Assert.Empty(await _maildev.MessagesAsync());
        Assert.Equal(SubscriberState.Active, (await _web.SubscriberAsync("claude@example.org")).State);
        Assert.Equal(["vsa"], (await _web.Subscribers.SubscriptionsAsync(active.Id, default)).Select(s => s.Value));
    }

    [Fact]
    public async Task The_form_answers_alike_for_every_address_while_SMTP_is_down_and_the_mail_follows_when_it_is_back()
    {
        await using var smtp = new SmtpFaultProxy(_maildev.SmtpHost, _maildev.SmtpPort) { Down = true };
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(smtp.Port));
        await web.ActiveSubscriberAsync("active@example.org", "vsa");

        // The form does not wait on the mail: a new address and a subscribed one get the same page.
        using var forNew = await PostAsync(web, "new@example.org", "vsa");
        using var forActive = await PostAsync(web, "active@example.org", "vsa");
        Assert.Equal(HttpStatusCode.OK, forNew.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forActive.StatusCode);
        Assert.Equal((await forNew.Content.ReadAsStringAsync()).Replace("new@", "active@"), await forActive.Content.ReadAsStringAsync());

        // The mail that could not go waits for its retry; the address is pending with its topic.
        await web.JobsRunAsync(2);
        var jobs = web.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var retry = Assert.Single(jobs.ScheduledJobs(0, 10));
        Assert.Equal(typeof(ConfirmationMailJob), retry.Value.Job.Type);
        Assert.StartsWith("Retry attempt 1 of 10: Confirmation mail to email subscriber", jobs.JobDetails(retry.Key).History[0].Reason);
        var pending = await web.SubscriberAsync("new@example.org");
        Assert.Equal(SubscriberState.Pending, pending.State);
        Assert.Empty(await _maildev.MessagesAsync());

        smtp.Down = false;
        web.Services.GetRequiredService<IBackgroundJobClient>().Requeue(retry.Key); // as its retry would, sooner
        await web.JobsRunAsync(2);
        var mail = Assert.Single(await _maildev.MessagesAsync(atLeast: 1));
        Assert.Equal("new@example.org", mail.GetProperty("to")[0].GetProperty("address").GetString());
        Assert.Contains(pending.Token, mail.GetProperty("text").GetString());
    }

    /// <summary>
    /// A request whose mail could not go in ten attempts leaves no job holding its address: Hangfire keeps a failed job
    /// for good, arguments and all, where a deleted one expires with the day.
    /// </summary>
    [Fact]
    public async Task A_confirmation_mail_that_spent_its_attempts_leaves_no_failed_job_holding_the_address()
    {
        await using var smtp = new SmtpFaultProxy(_maildev.SmtpHost, _maildev.SmtpPort) { Down = true };
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(smtp.Port));
        using (var response = await PostAsync(web, "new@example.org", "vsa"))
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await web.JobsRunAsync(1);
        var storage = web.Services.GetRequiredService<JobStorage>();
        var retry = Assert.Single(storage.GetMonitoringApi().ScheduledJobs(0, 10)).Key;

        // Its last attempt, as seven hours of retries would leave it.
        using (var connection = storage.GetConnection()) connection.SetJobParameter(retry, "RetryCount", "10");
        web.Services.GetRequiredService<IBackgroundJobClient>().Requeue(retry);
        await web.JobsRunAsync(1, ended: true);

        var jobs = storage.GetMonitoringApi().GetStatistics();
        Assert.Equal((0, 1), (jobs.Failed, jobs.Deleted));
        Assert.Equal(SubscriberState.Pending, (await web.SubscriberAsync("new@example.org")).State);
    }

    [Fact]
    public async Task A_confirmation_mail_refused_for_now_or_by_policy_is_retried_and_one_to_an_unknown_address_is_not()
    {
        await using var smtp = new SmtpFaultProxy(_maildev.SmtpHost, _maildev.SmtpPort);
        await using var web = await WatchWebHost.StartAsync(WatchWebHost.Smtp(smtp.Port));
        smtp.RefusedRecipients["greylisted@example.org"] = SmtpFaultProxy.RateLimited;
        smtp.RefusedRecipients["relayed@example.org"] = SmtpFaultProxy.RelayDenied;
        smtp.RefusedRecipients["unknown@example.org"] = SmtpFaultProxy.UserUnknown;

        foreach (var address in new[] { "greylisted@example.org", "relayed@example.org", "unknown@example.org" })
            using (var response = await PostAsync(web, address, "vsa"))
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The 451 and the relay's 5.7.1 (a login the relay lost: Watch's fault, mended later) wait for a retry;
        // the 550 5.1.1 ends its job, since no retry would change the answer.
        await web.JobsRunAsync(3);
        Assert.Equal(3, smtp.Refusals);
        var jobs = web.Services.GetRequiredService<JobStorage>().GetMonitoringApi();
        var retries = jobs.ScheduledJobs(0, 10);
        Assert.Equal(["greylisted@example.org", "relayed@example.org"], retries.Select(r => (string)r.Value.Job.Args[0]).Order());
        Assert.All(retries, r => Assert.StartsWith("Retry attempt 1 of 10: Confirmation mail to email subscriber", jobs.JobDetails(r.Key).History[0].Reason));
        Assert.Equal(1, jobs.SucceededListCount());

        // The server takes the addresses now: the retries mail them, although they come within the hour.
        smtp.RefusedRecipients.Clear();
        foreach (var retry in retries) web.Services.GetRequiredService<IBackgroundJobClient>().Requeue(retry.Key); // as their retries would, sooner
        await web.JobsRunAsync(3);
        var mails = await _maildev.MessagesAsync(atLeast: 2);
        Assert.Equal(["greylisted@example.org", "relayed@example.org"], mails.Select(m => m.GetProperty("to")[0].GetProperty("address").GetString()).Order());
        var greylisted = Assert.Single(mails, m => m.GetProperty("to")[0].GetProperty("address").GetString() == "greylisted@example.org");
        Assert.Contains((await web.SubscriberAsync("greylisted@example.org")).Token, greylisted.GetProperty("text").GetString());
    }

    [Fact]
    public async Task An_address_dropped_after_refused_digests_subscribes_again_with_its_refusals_forgotten()
    {
        var dropped = await _web.ActiveSubscriberAsync("revenu@example.org", "vsa");
        await _web.Subscribers.SetRefusalsAsync(dropped.Id, 3, 7, default);
        await _web.Subscribers.SetStateAsync(dropped.Id, SubscriberState.Gone, default);

        using (var form = await PostAsync("revenu@example.org", "vsa"))
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        await _web.JobsRunAsync(1);
        Assert.Single(await _maildev.MessagesAsync(atLeast: 1));
        Assert.Equal(SubscriberState.Pending, (await _web.SubscriberAsync("revenu@example.org")).State);
        using (var confirm = await _web.Http.PostAsync($"confirmation?token={dropped.Token}", null))
            Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);

        // Its mailbox takes mail again: one refusal now must not drop it at once.
        var back = await _web.SubscriberAsync("revenu@example.org");
        Assert.Equal((SubscriberState.Active, 0), (back.State, back.Refusals));
    }

    [Fact]
    public async Task Unsubscribing_asks_on_GET_acts_on_POST_and_an_old_confirmation_link_stays_dead()
    {
        var subscriber = await _web.ActiveSubscriberAsync("dana@example.org", "vsa");

        using (var get = await _web.Http.GetAsync($"desabonnement?token={subscriber.Token}"))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            var page = await ParseAsync(get);
            var form = Assert.IsAssignableFrom<IHtmlFormElement>(page.QuerySelector("main form"));
            Assert.Equal("post", form.Method);
            Assert.Equal($"desabonnement?token={subscriber.Token}", form.GetAttribute("action"));
            Assert.Equal("Me désabonner", page.QuerySelector("button")!.TextContent);
        }
        Assert.Equal(SubscriberState.Active, (await _web.SubscriberAsync("dana@example.org")).State);

        using (var post = await _web.Http.PostAsync($"desabonnement?token={subscriber.Token}", new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")])))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
            Assert.Equal("Désabonnement effectué", (await ParseAsync(post)).QuerySelector("h1")!.TextContent);
        }
        Assert.Equal(SubscriberState.Unsubscribed, (await _web.SubscriberAsync("dana@example.org")).State);

        using (var again = await _web.Http.PostAsync($"desabonnement?token={subscriber.Token}", null))
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using (var confirm = await _web.Http.GetAsync($"confirmation?token={subscriber.Token}"))
            Assert.Equal(HttpStatusCode.Gone, confirm.StatusCode);
        Assert.Equal(SubscriberState.Unsubscribed, (await _web.SubscriberAsync("dana@example.org")).State);
        // The token both confirms and unsubscribes: whoever reads the logs must not find it there.
        Assert.NotEmpty(_web.Logs);
        Assert.DoesNotContain(_web.Logs, line => line.Contains(subscriber.Token));
    }

    [Theory]
    [InlineData("GET", "confirmation?token=AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("GET", "confirmation")]
    [InlineData("POST", "confirmation?token=AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("GET", "desabonnement?token=AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("POST", "desabonnement?token=AAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("POST", "desabonnement?token=%27%20OR%201%3D1")]
    public async Task Unknown_tokens_get_a_French_404(string method, string path)
    {
        using var response = await _web.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Lien inconnu", (await ParseAsync(response)).QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task Without_SMTP_settings_the_form_says_it_is_closed()
    {
        await using var closed = await WatchWebHost.StartAsync(new Dictionary<string, string?>());

        using var response = await closed.Http.GetAsync("abonnement");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("Abonnement indisponible", (await ParseAsync(response)).QuerySelector("h1")!.TextContent);
    }

    [Theory]
    [InlineData("http://veille.example.org/")]
    [InlineData("veille.example.org")]
    public async Task A_public_base_url_that_would_send_tokens_in_clear_stops_the_start(string url)
    {
        var settings = WatchWebHost.Smtp(_maildev.SmtpPort);
        settings["Channels:Email:PublicBaseUrl"] = url;

        var refused = await Assert.ThrowsAsync<OptionsValidationException>(() => WatchWebHost.StartAsync(settings));

        Assert.Contains(EmailLinks.Requirement, refused.Message);
    }

    [Fact]
    public async Task An_https_public_base_url_with_a_path_is_where_the_mails_point()
    {
        var settings = WatchWebHost.Smtp(_maildev.SmtpPort);
        settings["Channels:Email:PublicBaseUrl"] = "https://veille.example.org/watch";
        await using var web = await WatchWebHost.StartAsync(settings);

        using (var form = await PostAsync(web, "https@example.org", "vsa"))
            Assert.Equal(HttpStatusCode.OK, form.StatusCode);
        await web.JobsRunAsync(1);

        var token = (await web.SubscriberAsync("https@example.org")).Token;
        var mail = Assert.Single(await _maildev.MessagesAsync(atLeast: 1)).GetProperty("text").GetString()!;
        Assert.Contains($"https://veille.example.org/watch/confirmation?token={token}", mail);
    }

    private Task<HttpResponseMessage> PostAsync(string email, params string[] topics) => PostAsync(_web, email, topics);

    private static Task<HttpResponseMessage> PostAsync(WatchWebHost web, string email, params string[] topics) =>
        web.Http.PostAsync("abonnement", Form(email, topics));

    /// <summary>The form as a reverse proxy would relay it for <paramref name="client"/>.</summary>
    private static async Task<HttpResponseMessage> PostFromAsync(WatchWebHost web, string client, string email)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "abonnement") { Content = Form(email, "vsa") };
        request.Headers.Add("X-Forwarded-For", client);
        return await web.Http.SendAsync(request);
    }

    private static FormUrlEncodedContent Form(string email, params string[] topics) =>
        new([new("email", email), .. topics.Select(t => new KeyValuePair<string, string>("sujet", t))]);

    private static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}
