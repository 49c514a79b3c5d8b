using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watch.Versions;

namespace Watch.Sources;

/// <summary>A download that failed in a way the job should report and retry later.</summary>
/// <param name="status">The server's answer, when it answered: a 429 tells a source to stop asking until its next run.</param>
/// <param name="notBefore">When a server that refused (a 429's Retry-After) asked to be asked again.</param>
public sealed class FetchException(Uri url, string problem, Exception? inner = null, HttpStatusCode? status = null, DateTimeOffset? notBefore = null)
    : Exception($"{url}: {problem}", inner)
{
    public Uri Url { get; } = url;

    public HttpStatusCode? Status { get; } = status;

    public DateTimeOffset? NotBefore { get; } = notBefore;
}

/// <summary>What a conditional GET returned.</summary>
public abstract record FetchResult(Uri Url)
{
    public sealed record NotModified(Uri Url) : FetchResult(Url);
    public sealed record NotFound(Uri Url) : FetchResult(Url);
    public sealed record Content(Uri Url, byte[] Bytes, string? MediaType, HttpValidators Validators) : FetchResult(Url);

    /// <summary>A large download (an archive) written to a temporary file, deleted on dispose.</summary>
    public sealed record File(Uri Url, string Path, long Length, HttpValidators Validators) : FetchResult(Url), IDisposable
    {
        public void Dispose()
        {
            try { System.IO.File.Delete(Path); } catch (IOException) { }
        }
    }
}

/// <summary>
/// Every download of Watch goes through here: named HttpClient (timeouts, retries with jitter from the
/// resilience handler), conditional GET from stored validators, a size cap, and a check that the body
/// arrived whole. Validators are saved by <see cref="RememberAsync"/> only once the caller has processed
/// the body, so a crash or parse error means the next run downloads it again instead of skipping it.
/// </summary>
public sealed class Fetcher(IHttpClientFactory clients, IHttpCacheStore cache, IOptions<FetchOptions> options, ILogger<Fetcher> log)
{
    public const string ClientName = "sources";

    /// <summary>
    /// Hosts that answered 429 asking to wait longer than the retries do, and until when: a source reading one file after
    /// another would otherwise be refused once per file, and the host is not asked again, by any source, before then.
    /// </summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _leftAlone = new(StringComparer.OrdinalIgnoreCase);

    public async Task<FetchResult> GetAsync(Uri url, bool conditional, CancellationToken ct)
    {
        using var response = await SendAsync(url, conditional, ct);
        if (Unfetched(url, response) is { } unfetched) return unfetched;

        var max = options.Value.MaxDocumentBytes;
        using var buffer = new MemoryStream(response.Content.Headers.ContentLength is { } d && d <= max ? (int)d : 64 * 1024);
        await CopyCappedAsync(url, response, buffer, max, options.Value.Timeout, ct);
        return new FetchResult.Content(url, buffer.ToArray(), response.Content.Headers.ContentType?.MediaType, ValidatorsOf(url, response));
    }

    private async Task<HttpRequestMessage> ConditionalRequestAsync(Uri url, bool conditional, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (conditional && await cache.GetAsync(url.AbsoluteUri, ct) is { } known)
        {
            if (known.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
            if (known.LastModified is { } lm && DateTimeOffset.TryParse(lm, out var since)) request.Headers.IfModifiedSince = since;
        }
        return request;
    }

    /// <summary>The GET, unless its host asked to be left alone: then neither the host nor the stored validators are read.</summary>
    private async Task<HttpResponseMessage> SendAsync(Uri url, bool conditional, CancellationToken ct)
    {
        if (_leftAlone.TryGetValue(url.Authority, out var until) && until > DateTimeOffset.UtcNow)
            throw new FetchException(url, $"not asked: {url.Authority} asked to be left alone until {until:yyyy-MM-dd HH:mm:ss}Z (HTTP 429)",
                status: HttpStatusCode.TooManyRequests, notBefore: until);
        using var request = await ConditionalRequestAsync(url, conditional, ct);
        try
        {
            return await clients.CreateClient(ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException || e is TaskCanceledException && !ct.IsCancellationRequested)
        {
            // ExecutionRejectedException: the resilience pipeline gave up (timeout, open circuit breaker).
            throw new FetchException(url, $"request failed ({e.Message})", e);
        }
    }

    /// <summary>
    /// The answers that carry no body to read: 304, 404/410; any other failure is an error, and a 429 with a Retry-After
    /// leaves its host alone until then (<see cref="_leftAlone"/>).
    /// </summary>
    private FetchResult? Unfetched(Uri url, HttpResponseMessage response)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.NotModified:
                log.LogDebug("Not modified: {Url}", url);
                return new FetchResult.NotModified(url);
            case HttpStatusCode.NotFound:
            case HttpStatusCode.Gone:
                return new FetchResult.NotFound(url);
        }
        var notBefore = response.StatusCode == HttpStatusCode.TooManyRequests && RetryAfter(response) is { } wait && wait > TimeSpan.Zero
            ? DateTimeOffset.UtcNow + wait
            : (DateTimeOffset?)null;
        if (notBefore is { } until) _leftAlone[url.Authority] = until;
        if (!response.IsSuccessStatusCode)
            throw new FetchException(url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", status: response.StatusCode, notBefore: notBefore);
        return null;
    }

    /// <summary>
    /// What the resilience pipeline retries: a transient failure, but not a 429 asking to wait longer than
    /// <paramref name="longestWait"/>: waiting it out would only run into the total timeout and hide the 429 behind it,
    /// when the source should stop and leave the rest to its next run.
    /// </summary>
    public static bool ShouldRetry(Polly.Outcome<HttpResponseMessage> outcome, TimeSpan longestWait) =>
        Microsoft.Extensions.Http.Resilience.HttpClientResiliencePredicates.IsTransient(outcome)
        && !(outcome.Result is { StatusCode: HttpStatusCode.TooManyRequests } answer && RetryAfter(answer) > longestWait);

    /// <summary>How long a refusing server asks to be left alone (Retry-After, as seconds or as a date).</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private static HttpValidators ValidatorsOf(Uri url, HttpResponseMessage response) =>
        new(url.AbsoluteUri, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));

    /// <summary>
    /// Conditional GET of a large file (an open-data archive), streamed to a temporary file rather than held
    /// in memory, with <paramref name="maxBytes"/> as its cap. The caller disposes the result.
    /// </summary>
    public async Task<FetchResult> DownloadAsync(Uri url, long maxBytes, CancellationToken ct)
    {
        using var response = await SendAsync(url, conditional: true, ct);
        if (Unfetched(url, response) is { } unfetched) return unfetched;

        var path = Path.Combine(Path.GetTempPath(), $"watch-{Guid.NewGuid():N}{Path.GetExtension(url.AbsolutePath)}");
        var file = new FetchResult.File(url, path, 0, ValidatorsOf(url, response));
        try
        {
            await using (var target = System.IO.File.Create(path))
                await CopyCappedAsync(url, response, target, maxBytes, options.Value.Timeout, ct);
            return file with { Length = new FileInfo(path).Length };
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>Records a processed body's validators, so the next poll asks only for a newer one.</summary>
    public Task RememberAsync(FetchResult processed, CancellationToken ct)
    {
        var validators = processed switch
        {
            FetchResult.Content c => c.Validators,
            FetchResult.File f => f.Validators,
            _ => null,
        };
        return validators is null || validators.ETag is null && validators.LastModified is null
            ? Task.CompletedTask
            : cache.SetAsync(validators, ct);
    }

    /// <summary>
    /// Copies the body, refusing more than <paramref name="max"/> bytes, less than the announced length, and a body that
    /// stops coming: the resilience pipeline's timeouts end with the headers, and a server (or a NAT that dropped the
    /// connection) sending nothing more for <paramref name="idle"/> would otherwise hold the run, and its lock, for good.
    /// </summary>
    internal static async Task CopyCappedAsync(Uri url, HttpResponseMessage response, Stream target, long max, TimeSpan idle, CancellationToken ct)
    {
        var declared = response.Content.Headers.ContentLength;
        if (declared > max) throw new FetchException(url, $"document of {declared} bytes exceeds the {max}-byte limit");

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var stall = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var chunk = new byte[81920];
        long total = 0;
        try
        {
            while (true)
            {
                stall.CancelAfter(idle);
                var read = await stream.ReadAsync(chunk, stall.Token);
                if (read == 0) break;
                total += read;
                if (total > max) throw new FetchException(url, $"document exceeds the {max}-byte limit");
                await target.WriteAsync(chunk.AsMemory(0, read), ct);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw new FetchException(url, $"download stalled: nothing received for {idle.TotalSeconds.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} s after {total} bytes");
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new FetchException(url, $"download cut off after {total} bytes ({e.Message})", e);
        }
        if (declared is { } length && total != length)
            throw new FetchException(url, $"truncated download: {total} of {length} bytes");
    }
}
