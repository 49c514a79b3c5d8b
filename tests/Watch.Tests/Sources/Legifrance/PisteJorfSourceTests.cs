using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hangfire;
using Hangfire.Common;
using Hangfire.InMemory;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Watch.Domain;
using Watch.Scheduling;
using Watch.Sources;
using Watch.Sources.Legifrance;
using Watch.Tests.Parsing.Legifrance;

namespace Watch.Tests.Sources.Legifrance;

/// <summary>
/// The PISTE source through the real HttpClient pipeline against a loopback PISTE (OAuth token endpoint and
/// the three /consult calls). No raw lastNJo/jorfCont/jorf answer was found in public repositories, so the
/// answers are written with the property names of the official Swagger description (fixtures/legifrance/
/// piste-api/legifrance_openapi.json, which a test below checks the parser against), and the article is the
/// real recorded PISTE article (Code de commerce, art. L121-1).
/// </summary>
public sealed class PisteJorfSourceTests : LoopbackSourceTests
{
    private const string Api = "dila/legifrance/lf-engine-app/";
    private const string Container = "JORFCONT000038052140"; // the spec's own example id

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Site.Serve("api/oauth/token", Encoding.UTF8.GetBytes("""{"access_token":"tok-1","token_type":"Bearer","expires_in":3600,"scope":"openid"}"""), "application/json");
        Site.Serve(Api + "consult/lastNJo", Json(new JsonObject
        {
            ["totalNbResult"] = 1, ["executionTime"] = 3,
            ["containers"] = new JsonArray(new JsonObject { ["id"] = Container, ["titre"] = "JORF n°0021 du 25 janvier 2019", ["nature"] = "JO", ["num"] = "0021" }),
        }), "application/json");
        Site.Serve(Api + "consult/jorfCont", Json(new JsonObject
        {
            ["totalNbResult"] = 1,
            ["items"] = new JsonArray(new JsonObject
            {
                ["joCont"] = new JsonObject
                {
                    ["id"] = Container,
                    ["titre"] = "JORF n°0021 du 25 janvier 2019",
                    ["structure"] = new JsonObject
                    {
                        ["liens"] = new JsonArray(),
                        ["tms"] = new JsonArray(new JsonObject
                        {
                            ["titre"] = "Décrets, arrêtés, circulaires", ["niv"] = 1,
                            ["liensTxt"] = new JsonArray(),
                            ["tms"] = new JsonArray(new JsonObject
                            {
                                ["titre"] = "Textes généraux", ["niv"] = 2,
                                ["liensTxt"] = new JsonArray(
                                    new JsonObject { ["id"] = "LEGITEXT000005634379", ["nature"] = "CODE", ["titre"] = "Code de commerce" },
                                    new JsonObject { ["id"] = "JORFTEXT000038052141", ["nature"] = "AVIS", ["titre"] = "Avis (dropped)" }),
                            }),
                        }),
                    },
                },
            }),
        }), "application/json");
        Site.Serve(Api + "consult/jorf", ConsultAnswer(), "application/json");
    }

    /// <summary>A ConsultJorfResponse around the real recorded article (its texteHtml becomes ConsultArticle.content).</summary>
    internal static byte[] ConsultAnswer(Func<string, string>? edit = null)
    {
        var recorded = JsonNode.Parse(LegifranceFixtures.Bytes("piste-api", "LEGIARTI000006219167.json"))!["listArticle"]![0]!;
        var content = recorded["texteHtml"]!.GetValue<string>();
        return Json(new JsonObject
        {
            ["cid"] = "LEGITEXT000005634379",
            ["id"] = "LEGITEXT000005634379",
            ["title"] = "Code de commerce",
            ["nature"] = "CODE",
            ["etat"] = "VIGUEUR",
            ["visa"] = "",
            ["sections"] = new JsonArray(new JsonObject
            {
                ["title"] = "Partie législative",
                ["articles"] = new JsonArray(new JsonObject
                {
                    ["id"] = recorded["id"]!.GetValue<string>(),
                    ["num"] = recorded["num"]!.GetValue<string>(),
                    ["etat"] = recorded["etat"]!.GetValue<string>(),
                    ["dateDebut"] = recorded["dateDebut"]!.DeepClone(),
                    ["dateFin"] = recorded["dateFin"]!.DeepClone(),
                    ["content"] = edit is null ? content : edit(content),
                }),
            }),
        });
    }

    private static byte[] Json(JsonNode node) => Encoding.UTF8.GetBytes(node.ToJsonString());

    private ServiceProvider Watch() => Host.Build(
        new Dictionary<string, string?>
        {
            ["Sources:Legifrance:Piste:TokenUrl"] = new Uri(Site.BaseUrl, "api/oauth/token").ToString(),
            ["Sources:Legifrance:Piste:ApiUrl"] = new Uri(Site.BaseUrl, Api).ToString(),
            ["Sources:Legifrance:Natures:0"] = "CODE",
            ["Watchlist:Tracked:0"] = "LEGITEXT000005634379",
            ["Sources:Legifrance:Piste:ClientId"] = "client-from-env",
            ["Sources:Legifrance:Piste:ClientSecret"] = "secret-from-env",
        });

    [Fact]
    public async Task Credentials_from_the_environment_register_PISTE_in_place_of_the_open_data()
    {
        await using var withPiste = Watch();
        var names = withPiste.GetServices<ISource>().Select(s => s.Name).ToList();
        Assert.Contains("legifrance-piste", names);
        Assert.DoesNotContain("legifrance-jorf", names);

        using var other = new SourcesHost();
        await using var without = other.Build(new Dictionary<string, string?>());
        Assert.Contains("legifrance-jorf", without.GetServices<ISource>().Select(s => s.Name));
        Assert.DoesNotContain("legifrance-piste", without.GetServices<ISource>().Select(s => s.Name));
    }

    [Fact]
    public async Task The_latest_JO_texts_are_consulted_once_with_one_cached_token()
    {
        await using var watch = Watch();

        var first = await SourcesHost.RunAsync(watch, "legifrance-piste");
        Assert.Empty(first.Failures);
        var text = Assert.IsType<OfficialText>(Assert.Single(first.Ingest.Relevant).Item);
        Assert.Equal("LEGITEXT000005634379", text.Id);
        var article = Assert.Single(text.Articles);
        Assert.Equal("L121-1", article.Number);
        Assert.StartsWith("Sont commerçants ceux qui exercent des actes de commerce", article.Content);
        Assert.Equal(["Partie législative"], article.Context);
        Assert.Null(article.EndDate); // 32472144000000 = 2999-01-01, "no end"

        var token = Assert.Single(Site.Received, r => r.Path.EndsWith("/token"));
        Assert.Equal("POST", token.Method);
        Assert.Contains("grant_type=client_credentials", token.Body);
        Assert.Contains("client_id=client-from-env", token.Body);
        var consult = Assert.Single(Site.Received, r => r.Path.EndsWith("/consult/jorf"));
        Assert.Equal("Bearer tok-1", consult.Authorization);
        Assert.Equal("""{"textCid":"LEGITEXT000005634379"}""", consult.Body);
        Assert.Equal("""{"nbElement":31}""", Site.Received.Single(r => r.Path.EndsWith("/lastNJo")).Body);
        Assert.Contains($"\"id\":\"{Container}\"", Site.Received.Single(r => r.Path.EndsWith("/jorfCont")).Body);

        // Next run: same JOs; the JO read whole is not asked for again, nor its text, and the token is reused.
        var second = await SourcesHost.RunAsync(watch, "legifrance-piste");
        Assert.Empty(second.Failures);
        Assert.Equal(0, second.Ingest.Seen);
        Assert.Equal(2, Site.CountOf(Api + "consult/lastNJo"));
        Assert.Equal(1, Site.CountOf(Api + "consult/jorfCont"));
        Assert.Equal(1, Site.CountOf(Api + "consult/jorf"));
        Assert.Equal(1, Site.CountOf("api/oauth/token"));
    }

    [Fact]
    public async Task The_first_run_does_not_read_the_JOs_of_the_month_before_as_news()
    {
        // datePubli as the API writes it: the epoch milliseconds of the day's midnight.
        static JsonObject Journal(string id, int daysAgo) => new()
        {
            ["id"] = id, ["nature"] = "JO",
            ["datePubli"] = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(-daysAgo)).ToUnixTimeMilliseconds(),
        };
        Site.Serve(Api + "consult/lastNJo", Json(new JsonObject
        {
            ["totalNbResult"] = 2,
            ["containers"] = new JsonArray(Journal("JORFCONT000052000001", 0), Journal("JORFCONT000051900001", 20)),
        }), "application/json");
        await using var watch = Watch();

        await SourcesHost.RunAsync(watch, "legifrance-piste");
        await SourcesHost.RunAsync(watch, "legifrance-piste");

        // Today's JO is read (once: read whole, it is not asked for again); the one of 20 days ago never is.
        Assert.Equal(["JORFCONT000052000001"], Site.Received.Where(r => r.Path.EndsWith("/jorfCont"))
            .Select(r => JsonNode.Parse(r.Body)!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_429_is_reported_with_its_Retry_After_and_nothing_is_marked_read()
    {
        Site.RetryAfter = "120";
        Site.Fail(Api + "consult/jorf", 429);
        await using var watch = Watch();

        var limited = await SourcesHost.RunAsync(watch, "legifrance-piste");
        var failure = Assert.Single(limited.Failures);
        Assert.Contains("HTTP 429", failure.Problem);
        Assert.Contains("00:02:00", failure.Problem);
        Assert.Equal(0, limited.Ingest.Seen);
        Assert.Equal(1, Site.CountOf(Api + "consult/jorf")); // two minutes is the next run's to wait, not this one's

        Site.Serve(Api + "consult/jorf", ConsultAnswer(), "application/json");
        var next = await SourcesHost.RunAsync(watch, "legifrance-piste");
        Assert.Empty(next.Failures);
        Assert.Equal(1, next.Ingest.Seen);
        Assert.Equal(2, Site.CountOf(Api + "consult/jorfCont")); // the JO was not read whole the first time: asked for again
    }

    [Fact]
    public async Task A_429_with_a_short_Retry_After_is_retried_within_the_run()
    {
        Site.RetryAfter = "0";
        Site.Fail(Api + "consult/jorf", 429);
        await using var watch = Watch();

        var limited = await SourcesHost.RunAsync(watch, "legifrance-piste");

        Assert.Contains("HTTP 429", Assert.Single(limited.Failures).Problem);
        Assert.Equal(4, Site.CountOf(Api + "consult/jorf")); // the first call and three retries
    }

    [Fact]
    public async Task A_429_on_a_summary_stops_the_run_before_the_next_journal()
    {
        Site.Serve(Api + "consult/lastNJo", Json(new JsonObject
        {
            ["totalNbResult"] = 2, ["executionTime"] = 3,
            ["containers"] = new JsonArray(
                new JsonObject { ["id"] = Container, ["titre"] = "JORF n°0021 du 25 janvier 2019", ["nature"] = "JO", ["num"] = "0021" },
                new JsonObject { ["id"] = "JORFCONT000038052139", ["titre"] = "JORF n°0020 du 24 janvier 2019", ["nature"] = "JO", ["num"] = "0020" }),
        }), "application/json");
        Site.RetryAfter = "3600";
        Site.Fail(Api + "consult/jorfCont", 429);
        await using var watch = Watch();

        var limited = await SourcesHost.RunAsync(watch, "legifrance-piste");

        Assert.Contains("HTTP 429", Assert.Single(limited.Failures).Problem);
        Assert.Equal(1, Site.CountOf(Api + "consult/jorfCont"));
    }

    private sealed class ServiceActivator(IServiceProvider services) : JobActivator
    {
        public override object ActivateJob(Type jobType) => services.GetRequiredService(jobType);
    }

    /// <summary>
    /// Hangfire retries a failed run a minute later: a PISTE quota that asks for an hour would be met again, and its 429
    /// counted against the account. The job, run by a real Hangfire server, is scheduled again no sooner than PISTE asked.
    /// </summary>
    [Fact]
    public async Task A_run_stopped_by_a_429_is_not_retried_before_the_time_PISTE_asked_for()
    {
        Site.RetryAfter = "3600";
        Site.Fail(Api + "consult/jorfCont", 429);
        await using var watch = Watch();
        var storage = new InMemoryStorage();
        var id = new BackgroundJobClient(storage).Enqueue<SourceJob>(j => j.RunAsync("legifrance-piste", CancellationToken.None));

        var refusedAt = DateTime.UtcNow;
        using (new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = 1, Activator = new ServiceActivator(watch), SchedulePollingInterval = TimeSpan.FromMinutes(5),
        }, storage))
        {
            var monitoring = storage.GetMonitoringApi();
            for (var i = 0; i < 300 && monitoring.ScheduledCount() < 1; i++) await Task.Delay(100);
        }

        using var connection = storage.GetConnection();
        var state = connection.GetStateData(id);
        Assert.Equal(ScheduledState.StateName, state.Name);
        var retryIn = JobHelper.DeserializeDateTime(state.Data["EnqueueAt"]) - refusedAt;
        Assert.InRange(retryIn.TotalSeconds, 3600, 3600 + 60); // its own retry would have come after 60 s ± 20 %
        Assert.Equal(1, Site.CountOf(Api + "consult/jorfCont"));
    }

    [Fact]
    public async Task A_500_on_the_summary_is_reported_and_the_job_fails_for_a_retry()
    {
        Site.Fail(Api + "consult/jorfCont", 500);
        await using var watch = Watch();

        var report = await SourcesHost.RunAsync(watch, "legifrance-piste");
        Assert.Contains("HTTP 500", Assert.Single(report.Failures).Problem);
        Assert.Equal(0, report.Ingest.Seen);
        await Assert.ThrowsAsync<SourceRunException>(() => watch.GetRequiredService<SourceJob>().RunAsync("legifrance-piste", CancellationToken.None));
    }

    [Fact]
    public void Every_property_the_parser_reads_is_in_the_official_API_description()
    {
        using var spec = JsonDocument.Parse(LegifranceFixtures.Bytes("piste-api", "legifrance_openapi.json"));
        var definitions = spec.RootElement.GetProperty("definitions");
        void Has(string definition, params string[] properties)
        {
            var props = definitions.GetProperty(definition).GetProperty("properties");
            foreach (var p in properties) Assert.True(props.TryGetProperty(p, out _), $"{definition}.{p} is not in the API description");
        }
        Has("LastNElementRequest", "nbElement");
        Has("GetJorfContResponse", "containers");
        Has("Conteneur", "id");
        Has("JorfContConsultRequest", "id", "pageNumber", "pageSize");
        Has("GetJosResponse", "items");
        Has("GetJorfContResponseItem", "joCont");
        Has("FullConteneur", "structure");
        Has("StructureTxt", "liens", "tms");
        Has("Tms", "liensTxt", "tms", "titre");
        Has("LienTxt", "id", "nature", "titre");
        Has("JorfConsultRequest", "textCid");
        Has("ConsultJorfResponse", "cid", "id", "nature", "title", "jorfText", "textNumber", "nor", "dateParution", "dateTexte", "etat", "visa", "signers", "nota", "articles", "sections");
        Has("ConsultSection", "title", "articles", "sections");
        Has("ConsultArticle", "id", "cid", "num", "etat", "dateDebut", "dateFin", "content", "nota");
        var paths = spec.RootElement.GetProperty("paths");
        foreach (var p in new[] { "/consult/lastNJo", "/consult/jorfCont", "/consult/jorf" })
            Assert.True(paths.GetProperty(p).TryGetProperty("post", out _), $"{p} is a POST");
    }
}
