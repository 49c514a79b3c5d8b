using Watch.Cli.Replay;
using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Watch.Tests.Delivery.Mastodon;

/// <summary>A status as the test server stored it.</summary>
public sealed record ServerStatus(string Id, string Text, string? Visibility, string? Language, string? InReplyToId, string? IdempotencyKey);

/// <summary>
/// What the server answers to one given POST /api/v1/statuses instead of (or, with
/// <paramref name="CreateFirst"/>, after) handling it normally. In <paramref name="Body"/>, « {authorization} »
/// is replaced by the request's Authorization header, to play a server that leaks it back.
/// </summary>
public sealed record ScriptedAnswer(int StatusCode, IReadOnlyDictionary<string, string>? Headers = null, string? Body = null, bool CreateFirst = false);

/// <summary>
/// A small Mastodon instance on 127.0.0.1 (Kestrel, port chosen by the OS) with the behaviour the channel
/// relies on, as documented on docs.joinmastodon.org: GET /api/v2/instance with
/// <c>configuration.statuses</c> (for the account's token only, in limited-federation mode); POST /api/v1/statuses with Bearer authentication, form or JSON fields,
/// per-account Idempotency-Key replay, in_reply_to_id that must exist (404 otherwise), the character limit
/// (422 « Validation failed: Text character limit of N exceeded ») and X-RateLimit-* headers.
/// </summary>
public sealed partial class MastodonTestServer : IAsyncDisposable
{
    public const string Token = "test-token-Zq8v3kLm0PwX";

    private readonly WebApplication _app;
    private readonly int _maxCharacters;
    private readonly bool _limitedFederation;
    private readonly object _gate = new();
    private readonly List<ServerStatus> _statuses = [];
    private readonly Dictionary<string, ServerStatus> _byKey = [];
    private readonly ConcurrentDictionary<int, ScriptedAnswer> _scripts = new();
    private int _posts;
    private int _created;
    private int _instanceReads;

    private MastodonTestServer(WebApplication app, int maxCharacters, bool limitedFederation)
    {
        _app = app;
        _maxCharacters = maxCharacters;
        _limitedFederation = limitedFederation;
    }

    public Uri BaseUrl { get; private set; } = null!;

    /// <summary>POST /api/v1/statuses requests received, answered or not.</summary>
    public int PostRequests => Volatile.Read(ref _posts);

    public int InstanceReads => Volatile.Read(ref _instanceReads);

    /// <summary>When set, GET /api/v2/instance answers this status code (an error) instead of the description.</summary>
    public int? InstanceFailure { get; set; }

    public IReadOnlyList<ServerStatus> Statuses
    {
        get { lock (_gate) return _statuses.ToList(); }
    }

    /// <param name="limitedFederation">Mastodon's LIMITED_FEDERATION_MODE: every API call, the instance description
    /// included, needs a user's token (401 « This API requires an authenticated user » otherwise).</param>
    public static async Task<MastodonTestServer> StartAsync(int maxCharacters = 500, bool limitedFederation = false)
    {
        var app = Loopback.CreateBuilder().Build();
        var server = new MastodonTestServer(app, maxCharacters, limitedFederation);
        app.MapGet("/api/v2/instance", (Func<HttpContext, IResult>)server.Instance);
        // Typed as a Func so that the IResult is written: as a method group it would bind to RequestDelegate and be dropped.
        app.MapPost("/api/v1/statuses", (Func<HttpContext, Task<IResult>>)server.PostStatus);
        server.BaseUrl = await Loopback.StartAsync(app);
        return server;
    }

    /// <summary>What an instance does an hour or so after a post: it no longer knows the post's Idempotency-Key.</summary>
    public void ForgetIdempotencyKeys()
    {
        lock (_gate) _byKey.Clear();
    }

    /// <summary>What a moderator (or the account's owner) does: the status is gone, and a reply to it is answered 404.</summary>
    public void DeleteStatus(string id)
    {
        lock (_gate) _statuses.RemoveAll(x => x.Id == id);
    }

    /// <summary>The <paramref name="postNumber"/>-th POST /api/v1/statuses (1-based) gets <paramref name="answer"/>.</summary>
    public void Script(int postNumber, ScriptedAnswer answer) => _scripts[postNumber] = answer;

    private IResult Instance(HttpContext context)
    {
        Interlocked.Increment(ref _instanceReads);
        if (_limitedFederation && context.Request.Headers.Authorization.ToString() != $"Bearer {Token}")
            return Results.Json(new { error = "This API requires an authenticated user" }, statusCode: 401);
        if (InstanceFailure is { } code)
            return Results.Json(new { error = $"Failure {code}" }, statusCode: code);
        return Results.Json(new
        {
            domain = BaseUrl.Authority,
            title = "Instance de test",
            version = "4.3.0",
            configuration = new
            {
                urls = new { streaming = $"ws://{BaseUrl.Authority}" },
                accounts = new { max_featured_tags = 10 },
                statuses = new { max_characters = _maxCharacters, max_media_attachments = 4, characters_reserved_per_url = 23 },
            },
        });
    }

    private async Task<IResult> PostStatus(HttpContext context)
    {
        var number = Interlocked.Increment(ref _posts);
        var request = context.Request;
        var script = _scripts.TryGetValue(number, out var s) ? s : null;
        if (script is { CreateFirst: false }) return Scripted(context, script);

        if (request.Headers.Authorization.ToString() != $"Bearer {Token}")
            return Error(context, 401, "The access token is invalid");

        var fields = await ReadFieldsAsync(request);
        var text = fields.GetValueOrDefault("status");
        var key = request.Headers["Idempotency-Key"].ToString() is { Length: > 0 } k ? k : null;
        ServerStatus status;
        lock (_gate)
        {
            if (key is not null && _byKey.TryGetValue(key, out var known))
            {
                status = known;
            }
            else
            {
                if (string.IsNullOrWhiteSpace(text))
                    return Error(context, 422, "Validation failed: Text can't be blank");
                if (CountLikeMastodon(text) > _maxCharacters)
                    return Error(context, 422, $"Validation failed: Text character limit of {_maxCharacters} exceeded");
                var replyTo = fields.GetValueOrDefault("in_reply_to_id");
                if (replyTo is not null && _statuses.All(x => x.Id != replyTo))
                    return Error(context, 404, "Record not found");
                status = new ServerStatus((110000000000000000L + ++_created).ToString(CultureInfo.InvariantCulture),
                    text, fields.GetValueOrDefault("visibility"), fields.GetValueOrDefault("language"), replyTo, key);
                _statuses.Add(status);
                if (key is not null) _byKey[key] = status;
            }
        }
        if (script is not null)
        {
            if (script.StatusCode != 200) return Scripted(context, script);
            foreach (var (name, value) in script.Headers ?? new Dictionary<string, string>())
                context.Response.Headers[name] = value;
        }

        RateLimitHeaders(context, remaining: 300 - number);
        return Results.Json(new
        {
            id = status.Id,
            created_at = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            in_reply_to_id = status.InReplyToId,
            visibility = status.Visibility ?? "public",
            language = status.Language,
            uri = $"{BaseUrl}users/veille/statuses/{status.Id}",
            url = $"{BaseUrl}@veille/{status.Id}",
            content = "<p>" + System.Net.WebUtility.HtmlEncode(status.Text).Replace("\n", "<br />") + "</p>",
            account = new { id = "1", username = "veille", acct = "veille" },
        });
    }

    private static async Task<Dictionary<string, string>> ReadFieldsAsync(HttpRequest request)
    {
        if (request.HasFormContentType)
            return (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
        using var json = await JsonDocument.ParseAsync(request.Body);
        return json.RootElement.EnumerateObject()
            .Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => p.Value.GetString()!);
    }

    private static IResult Scripted(HttpContext context, ScriptedAnswer script)
    {
        foreach (var (name, value) in script.Headers ?? new Dictionary<string, string>())
            context.Response.Headers[name] = value;
        var body = (script.Body ?? JsonSerializer.Serialize(new { error = $"Scripted {script.StatusCode}" }))
            .Replace("{authorization}", context.Request.Headers.Authorization.ToString());
        return Results.Content(body, "application/json", statusCode: script.StatusCode);
    }

    private static IResult Error(HttpContext context, int code, string message)
    {
        RateLimitHeaders(context, remaining: 299);
        return Results.Json(new { error = message }, statusCode: code);
    }

    private static void RateLimitHeaders(HttpContext context, int remaining)
    {
        if (context.Response.Headers.ContainsKey("X-RateLimit-Remaining")) return;
        var now = DateTimeOffset.UtcNow;
        var reset = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.FromMinutes(5).Ticks, TimeSpan.Zero).AddMinutes(5);
        context.Response.Headers["X-RateLimit-Limit"] = "300";
        context.Response.Headers["X-RateLimit-Remaining"] = Math.Max(remaining, 1).ToString(CultureInfo.InvariantCulture);
        context.Response.Headers["X-RateLimit-Reset"] = reset.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
    }

    /// <summary>Written apart from the channel's counter on purpose: grapheme clusters, any http(s) link = 23.</summary>
    internal static int CountLikeMastodon(string text) =>
        new System.Globalization.StringInfo(Link().Replace(text, new string('x', 23))).LengthInTextElements;

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
