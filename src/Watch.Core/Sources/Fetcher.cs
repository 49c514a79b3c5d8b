using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watch.Versions;

namespace Watch.Sources;

/// <summary>A download that failed in a way the job should report and retry later.</summary>
public sealed class FetchException(Uri url, string problem, Exception? inner = null)
    : Exception($"{url}: {problem}", inner)
{
    public Uri Url { get; } = url;
}

/// <summary>What a conditional GET returned.</summary>
public abstract record FetchResult(Uri Url)
{
    public sealed record NotModified(Uri Url) : FetchResult(Url);
    public sealed record NotFound(Uri Url) : FetchResult(Url);
    public sealed record Content(Uri Url, byte[] Bytes, string? MediaType, HttpValidators Validators) : FetchResult(Url);
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

    public async Task<FetchResult> GetAsync(Uri url, bool conditional, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (conditional && await cache.GetAsync(url.AbsoluteUri, ct) is { } known)
        {
            if (known.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
            if (known.LastModified is { } lm && DateTimeOffset.TryParse(lm, out var since)) request.Headers.IfModifiedSince = since;
        }

        var client = clients.CreateClient(ClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            throw new FetchException(url, $"request failed ({e.Message})", e);
        }

        using (response)
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
            if (!response.IsSuccessStatusCode)
                throw new FetchException(url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");

            var bytes = await ReadCappedAsync(url, response, ct);
            var validators = new HttpValidators(url.AbsoluteUri, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
            return new FetchResult.Content(url, bytes, response.Content.Headers.ContentType?.MediaType, validators);
        }
    }

    /// <summary>Records a processed body's validators, so the next poll asks only for a newer one.</summary>
    public Task RememberAsync(FetchResult.Content content, CancellationToken ct) =>
        content.Validators.ETag is null && content.Validators.LastModified is null
            ? Task.CompletedTask
            : cache.SetAsync(content.Validators, ct);

    private async Task<byte[]> ReadCappedAsync(Uri url, HttpResponseMessage response, CancellationToken ct)
    {
        var max = options.Value.MaxDocumentBytes;
        var declared = response.Content.Headers.ContentLength;
        if (declared > max) throw new FetchException(url, $"document of {declared} bytes exceeds the {max}-byte limit");

        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream(declared is { } d ? (int)d : 64 * 1024);
        var chunk = new byte[81920];
        int read;
        try
        {
            while ((read = await stream.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > max) throw new FetchException(url, $"document exceeds the {max}-byte limit");
                buffer.Write(chunk, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or HttpRequestException)
        {
            throw new FetchException(url, $"download cut off after {buffer.Length} bytes ({e.Message})", e);
        }
        if (declared is { } length && buffer.Length != length)
            throw new FetchException(url, $"truncated download: {buffer.Length} of {length} bytes");
        return buffer.ToArray();
    }
}
