using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Watch.Sources.Legifrance;

/// <summary>
/// The PISTE Légifrance API over the sources' HttpClient (timeouts, retries with jitter honouring Retry-After):
/// an OAuth2 client-credentials token, kept until a minute before it expires, and JSON POSTs to the
/// <c>/consult/…</c> endpoints. A 429 that outlives the retries (or asks for a longer wait than they give) stops the
/// run with the server's Retry-After;
/// a 401 renews the token once. Answers are capped at <see cref="FetchOptions.MaxDocumentBytes"/>.
/// </summary>
public sealed class PisteClient(IHttpClientFactory clients, IOptions<LegifranceOptions> options, IOptions<FetchOptions> fetch, TimeProvider clock)
{
    private readonly SemaphoreSlim _tokenLock = new(1, 1);
    private (string Value, DateTimeOffset Expires)? _token;

    public async Task<JsonDocument> PostAsync(string path, object body, CancellationToken ct)
    {
        var url = new Uri(options.Value.Piste.ApiUrl, path.TrimStart('/'));
        for (var attempt = 0; ; attempt++)
        {
            var token = await TokenAsync(ct);
            using var request = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await SendAsync(url, request, ct);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                _token = null; // revoked or expired early: one new token, then give up
                continue;
            }
            return await ReadJsonAsync(url, response, ct);
        }
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_token is { } t && t.Expires > clock.GetUtcNow()) return t.Value;
        await _tokenLock.WaitAsync(ct);
        try
        {
            if (_token is { } again && again.Expires > clock.GetUtcNow()) return again.Value;
            var piste = options.Value.Piste;
            if (string.IsNullOrEmpty(piste.ClientId) || string.IsNullOrEmpty(piste.ClientSecret))
                throw new FetchException(piste.TokenUrl, "no PISTE credentials (Sources:Legifrance:Piste:ClientId / ClientSecret unset).");

            using var request = new HttpRequestMessage(HttpMethod.Post, piste.TokenUrl)
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = piste.ClientId,
                    ["client_secret"] = piste.ClientSecret,
                    ["scope"] = "openid",
                }),
            };
            using var response = await SendAsync(piste.TokenUrl, request, ct);
            using var json = await ReadJsonAsync(piste.TokenUrl, response, ct);
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("access_token", out var access) || access.ValueKind != JsonValueKind.String)
                throw new FetchException(piste.TokenUrl, "token answer without \"access_token\".");
            var lifetime = root.TryGetProperty("expires_in", out var e) && e.TryGetInt32(out var seconds) ? seconds : 3600;
            _token = (access.GetString()!, clock.GetUtcNow().AddSeconds(Math.Max(0, lifetime - 60)));
            return _token.Value.Value;
        }
        finally
        {
            _tokenLock.Release();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, HttpRequestMessage request, CancellationToken ct)
    {
        try
        {
            return await clients.CreateClient(Fetcher.ClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.ExecutionRejectedException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            // ExecutionRejectedException: the resilience pipeline's total timeout or open circuit breaker.
            throw new FetchException(url, $"request failed ({e.Message})", e);
        }
    }

    private async Task<JsonDocument> ReadJsonAsync(Uri url, HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var after = Fetcher.RetryAfter(response) is { } asked ? TimeSpan.FromSeconds(Math.Ceiling(asked.TotalSeconds)) : (TimeSpan?)null;
            throw new FetchException(url, $"HTTP 429 Too Many Requests: PISTE quota reached, retry after {after?.ToString() ?? "not given"}; the rest waits for the next run.",
                status: HttpStatusCode.TooManyRequests, notBefore: DateTimeOffset.UtcNow + after);
        }
        if (!response.IsSuccessStatusCode)
            throw new FetchException(url, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}", status: response.StatusCode);

        using var buffer = new MemoryStream();
        await Fetcher.CopyCappedAsync(url, response, buffer, fetch.Value.MaxDocumentBytes, fetch.Value.Timeout, ct);
        try
        {
            return JsonDocument.Parse(buffer.ToArray());
        }
        catch (JsonException e)
        {
            throw new FetchException(url, $"answer is not JSON ({e.Message})", e);
        }
    }
}
