using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Watch.Delivery.Mastodon;

/// <summary>What the instance allows in one status (<c>configuration.statuses</c> of GET /api/v2/instance).</summary>
/// <param name="CharactersReservedPerUrl">What a link counts for, whatever its length; null when the instance does not
/// say (Pleroma and its forks publish only <c>max_toot_chars</c>, and count a link's characters): see <see cref="MastodonText.Length"/>.</param>
public sealed record InstanceLimits(int MaxCharacters, int? CharactersReservedPerUrl)
{
    /// <summary>Mastodon's own length limit, used when an instance does not publish one.</summary>
    public const int DefaultMaxCharacters = 500;

    /// <summary>What Mastodon counts a link for; the least a link is counted for when an instance does not say.</summary>
    public const int MastodonUrlLength = 23;
}

/// <summary>How one POST /api/v1/statuses ended.</summary>
public abstract record PostResult
{
    /// <summary>The status exists (created now, or replayed by the server for a known Idempotency-Key).</summary>
    public sealed record Posted(string Id, Uri? Url) : PostResult;

    /// <summary>A passing failure (429, 5xx, network, timeout): try again, not before <see cref="After"/> when given.</summary>
    public sealed record Retryable(string Reason, TimeSpan? After = null) : PostResult;

    /// <summary>The server refused for good: 401/403 (token revoked, account suspended), 404, 422 (invalid status).</summary>
    public sealed record Rejected(int StatusCode, string Reason) : PostResult;
}

/// <summary>A Mastodon API call that did not answer what the documented API promises.</summary>
public sealed class MastodonApiException(string message, HttpStatusCode? statusCode = null, Exception? inner = null)
    : Exception(message, inner)
{
    public HttpStatusCode? StatusCode { get; } = statusCode;
}

/// <summary>
/// The two calls of the Mastodon REST API the bot needs (docs.joinmastodon.org), over a typed HttpClient.
/// The access token goes only into the Authorization header, only over https (or to a loopback test server),
/// and is scrubbed from every reason and exception message. Keeps the instance limits and the rate-limit window
/// between calls, so one instance should live as long as the channel that uses it.
/// </summary>
public sealed class MastodonClient(HttpClient http, IOptions<MastodonOptions> options, TimeProvider? clock = null)
{
    /// <summary>Instance limits change only when an admin reconfigures the server.</summary>
    private static readonly TimeSpan LimitsTtl = TimeSpan.FromHours(6);

    private const int MaxReasonChars = 300;

    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private readonly SemaphoreSlim _limitsGate = new(1, 1);
    // A reference, so that concurrent sends (the dispatcher sends in parallel) never read half of it.
    private volatile CachedLimits? _limits;
    private long _notBeforeTicks; // UTC ticks; 0 = no pending rate-limit window

    /// <summary>
    /// Reads max_characters and characters_reserved_per_url, cached for a few hours; when they cannot be read again,
    /// the last ones read (and the next call tries again).
    /// </summary>
    /// <exception cref="MastodonApiException">The instance answered an error or an unreadable document, and its limits were never read.</exception>
    public async Task<InstanceLimits> GetLimitsAsync(CancellationToken ct)
    {
        if (_limits is { } cached && _clock.GetUtcNow() - cached.At < LimitsTtl) return cached.Limits;
        await _limitsGate.WaitAsync(ct);
        try
        {
            if (_limits is { } again && _clock.GetUtcNow() - again.At < LimitsTtl) return again.Limits;
            var limits = await FetchLimitsAsync("api/v2/instance", ct)
                         // Instances older than Mastodon 4.0 only have the v1 endpoint.
                         ?? await FetchLimitsAsync("api/v1/instance", ct)
                         ?? throw new MastodonApiException($"{Host} has neither /api/v2/instance nor /api/v1/instance", HttpStatusCode.NotFound);
            _limits = new CachedLimits(limits, _clock.GetUtcNow());
            return limits;
        }
        // Limits change only when an admin reconfigures the server: an instance that fails to describe itself
        // (a 502 from its proxy, a timeout) may well take posts, which must not wait for it.
        catch (Exception e) when (_limits is { } known
                                  && (e is MastodonApiException or HttpRequestException || e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return known.Limits;
        }
        finally
        {
            _limitsGate.Release();
        }
    }

    /// <summary>
    /// POST /api/v1/statuses. The server keeps <paramref name="idempotencyKey"/> (for about an hour) and answers
    /// the same status again for the same key, so a retry after an unclear failure never posts twice.
    /// While a rate-limit window announced by the server is open, returns <see cref="PostResult.Retryable"/>
    /// at once instead of sending.
    /// </summary>
    public async Task<PostResult> PostStatusAsync(string status, string? inReplyToId, string idempotencyKey, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(status);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        using var request = Authorized(HttpMethod.Post, "api/v1/statuses");

        var now = _clock.GetUtcNow();
        var notBefore = new DateTimeOffset(Interlocked.Read(ref _notBeforeTicks), TimeSpan.Zero);
        if (notBefore > now)
            return new PostResult.Retryable($"rate limit of {Host} reached; waiting until {notBefore:O}", notBefore - now);

        var o = options.Value;
        var fields = new List<KeyValuePair<string, string>>
        {
            new("status", status),
            new("visibility", o.Visibility),
            new("language", o.Language),
        };
        if (inReplyToId is not null) fields.Add(new("in_reply_to_id", inReplyToId));

        request.Content = new FormUrlEncodedContent(fields);
        request.Headers.Add("Idempotency-Key", idempotencyKey);

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            return new PostResult.Retryable($"network error posting to {Host}: {Redact(e.Message)}");
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new PostResult.Retryable($"no answer from {Host} within {http.Timeout}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(ct);
            var code = (int)response.StatusCode;
            var reset = RateLimitReset(response);
            if (response.IsSuccessStatusCode)
            {
                // The quota is spent: the next post would only earn a 429, so wait for the window to reset.
                if (Header(response, "X-RateLimit-Remaining") is "0" && reset is { } r) HoldUntil(r);
                return ReadStatus(body, code);
            }
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var until = Later(reset, RetryAfter(response, _clock.GetUtcNow()));
                if (until is { } u) HoldUntil(u);
                var wait = until is { } w ? Max(w - _clock.GetUtcNow(), TimeSpan.Zero) : (TimeSpan?)null;
                return new PostResult.Retryable($"429 Too Many Requests from {Host}: {ErrorOf(body)}", wait);
            }
            if (code >= 500 || response.StatusCode == HttpStatusCode.RequestTimeout)
                return new PostResult.Retryable($"{code} {response.ReasonPhrase} from {Host}: {ErrorOf(body)}");
            return new PostResult.Rejected(code, code switch
            {
                401 => $"401: the access token was refused by {Host} (revoked or wrong): {ErrorOf(body)}",
                403 => $"403: the account may not post on {Host} (suspended, or token without write:statuses): {ErrorOf(body)}",
                422 => $"422: {Host} refused the status: {ErrorOf(body)}",
                _ => $"{code} {response.ReasonPhrase} from {Host}: {ErrorOf(body)}",
            });
        }
    }

    /// <summary>
    /// A request to the instance with the access token, never sent in clear text. Even the instance description
    /// needs it: an instance in limited-federation mode answers 401 to anonymous API calls.
    /// </summary>
    private HttpRequestMessage Authorized(HttpMethod method, string path)
    {
        var token = options.Value.AccessToken;
        if (string.IsNullOrWhiteSpace(token))
            throw new InvalidOperationException($"{MastodonOptions.Section}:AccessToken is not configured");
        var instance = Instance();
        if (instance.Scheme != Uri.UriSchemeHttps && !instance.IsLoopback)
            throw new InvalidOperationException($"{MastodonOptions.Section}:InstanceUrl {instance.Authority} is not https: the access token would travel in clear text");
        var request = new HttpRequestMessage(method, new Uri(instance, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private async Task<InstanceLimits?> FetchLimitsAsync(string path, CancellationToken ct)
    {
        using var request = Authorized(HttpMethod.Get, path);
        var uri = request.RequestUri!;
        using var response = await http.SendAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new MastodonApiException($"GET {Redact(uri.ToString())} answered {(int)response.StatusCode} {response.ReasonPhrase}: {ErrorOf(body)}", response.StatusCode);
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var statuses = root.TryGetProperty("configuration", out var c) && c.TryGetProperty("statuses", out var s) ? s : default;
            var max = Int(statuses, "max_characters")
                      ?? Int(root, "max_toot_chars") // Pleroma and forks of the v1 era
                      ?? InstanceLimits.DefaultMaxCharacters;
            var perUrl = Int(statuses, "characters_reserved_per_url");
            if (max <= 0 || perUrl < 0)
                throw new MastodonApiException($"GET {Redact(uri.ToString())}: impossible limits max_characters={max}, characters_reserved_per_url={perUrl}");
            return new InstanceLimits(max, perUrl);
        }
        catch (JsonException e)
        {
            throw new MastodonApiException($"GET {Redact(uri.ToString())} did not answer JSON: {e.Message}", response.StatusCode, e);
        }
    }

    private PostResult ReadStatus(string body, int code)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            var id = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("id", out var i)
                ? i.ValueKind switch { JsonValueKind.String => i.GetString(), JsonValueKind.Number => i.GetRawText(), _ => null }
                : null;
            if (string.IsNullOrEmpty(id))
                return new PostResult.Retryable($"{code} from {Host} without a status id: {Truncate(Redact(body))}");
            var url = root.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String && Uri.TryCreate(u.GetString(), UriKind.Absolute, out var parsed)
                ? parsed : null;
            return new PostResult.Posted(id, url);
        }
        catch (JsonException)
        {
            // The status may well exist: retrying with the same Idempotency-Key reads it back without reposting.
            return new PostResult.Retryable($"{code} from {Host} with a body that is not a status: {Truncate(Redact(body))}");
        }
    }

    private void HoldUntil(DateTimeOffset until)
    {
        var ticks = until.UtcTicks;
        long seen;
        do
        {
            seen = Interlocked.Read(ref _notBeforeTicks);
            if (seen >= ticks) return;
        } while (Interlocked.CompareExchange(ref _notBeforeTicks, ticks, seen) != seen);
    }

    private string Host => Instance().Authority;

    private Uri Instance()
    {
        var url = options.Value.InstanceUrl
                  ?? throw new InvalidOperationException($"{MastodonOptions.Section}:InstanceUrl is not configured");
        // Without the trailing slash, new Uri(base, "api/...") would drop the last segment of an instance under a path.
        return url.AbsoluteUri.EndsWith('/') ? url : new Uri(url.AbsoluteUri + "/");
    }

    /// <summary>The token must never reach a log or the outbox table, even if a server echoes it back.</summary>
    private string Redact(string text)
    {
        var token = options.Value.AccessToken;
        return string.IsNullOrEmpty(token) ? text : text.Replace(token, "***", StringComparison.Ordinal);
    }

    /// <summary>Mastodon errors are <c>{"error": "…"}</c>; anything else is shown shortened.</summary>
    private string ErrorOf(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String)
                return Truncate(Redact(e.GetString()!));
        }
        catch (JsonException)
        {
        }
        return body.Length == 0 ? "(empty body)" : Truncate(Redact(body));
    }

    private static string Truncate(string text) => text.Length <= MaxReasonChars ? text : text[..MaxReasonChars] + "…";

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault()?.Trim() : null;

    /// <summary>Mastodon sends X-RateLimit-Reset as an ISO 8601 time, e.g. 2020-09-08T13:25:00.019685Z.</summary>
    private static DateTimeOffset? RateLimitReset(HttpResponseMessage response) =>
        Header(response, "X-RateLimit-Reset") is { } value
        && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? at
            : null;

    private static DateTimeOffset? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => now + delta,
        { Date: { } date } => date,
        _ => null,
    };

    private static DateTimeOffset? Later(DateTimeOffset? a, DateTimeOffset? b) =>
        a is null ? b : b is null ? a : a > b ? a : b;

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record CachedLimits(InstanceLimits Limits, DateTimeOffset At);

    private static int? Int(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out var n)
            ? n
            : null;
}
