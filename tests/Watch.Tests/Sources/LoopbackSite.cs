using Watch.Cli.Replay;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Watch.Tests.Sources;

/// <summary>
/// A loopback web server standing in for www.senat.fr or echanges.dila.gouv.fr: each path serves the bytes a
/// test put there (recorded files), with an ETag and a 304 for a matching If-None-Match, like the real
/// servers; or a status code (500, 404); or a body cut short of its announced Content-Length.
/// Unknown paths are 404. Every request is counted by path.
/// </summary>
public sealed class LoopbackSite : IAsyncDisposable
{
    private sealed record Route(byte[]? Body, string ContentType, int Status, bool CutShort);

    private readonly ConcurrentDictionary<string, Route> _routes = new(StringComparer.Ordinal);
    private readonly WebApplication _app;

    public ConcurrentDictionary<string, int> Requests { get; } = new(StringComparer.Ordinal);
    public ConcurrentQueue<string> Log { get; } = new();

    /// <summary>Every request: method, path, Authorization header and body (for the API's POSTs).</summary>
    public ConcurrentQueue<(string Method, string Path, string? Authorization, string Body)> Received { get; } = new();

    /// <summary>A Retry-After header sent with error statuses, when set.</summary>
    public string? RetryAfter { get; set; }
    public Uri BaseUrl { get; private set; } = null!;

    private LoopbackSite(WebApplication app) => _app = app;

    public static async Task<LoopbackSite> StartAsync()
    {
        var app = Loopback.CreateBuilder().Build();
        var site = new LoopbackSite(app);
        app.Run(site.ServeAsync);
        site.BaseUrl = await Loopback.StartAsync(app);
        return site;
    }

    public void Serve(string path, byte[] body, string contentType) => _routes[Norm(path)] = new Route(body, contentType, 200, false);

    public void Fail(string path, int status) => _routes[Norm(path)] = new Route(null, "text/html", status, false);

    /// <summary>Announces the whole body's length but sends only its first half, then closes the connection.</summary>
    public void CutShort(string path, byte[] body, string contentType) => _routes[Norm(path)] = new Route(body, contentType, 200, true);

    public int CountOf(string path) => Requests.TryGetValue(Norm(path), out var n) ? n : 0;

    private static string Norm(string path) => "/" + path.TrimStart('/');

    private async Task ServeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value ?? "/";
        Requests.AddOrUpdate(path, 1, (_, n) => n + 1);
        using (var reader = new StreamReader(http.Request.Body))
            Received.Enqueue((http.Request.Method, path, http.Request.Headers.Authorization.ToString() is { Length: > 0 } a ? a : null, await reader.ReadToEndAsync()));
        if (!_routes.TryGetValue(path, out var route))
        {
            Log.Enqueue($"404 {path}");
            http.Response.StatusCode = 404;
            return;
        }
        if (route.Body is null)
        {
            Log.Enqueue($"{route.Status} {path}");
            http.Response.StatusCode = route.Status;
            if (RetryAfter is not null) http.Response.Headers.RetryAfter = RetryAfter;
            await http.Response.WriteAsync("<html><body><h1>Erreur</h1></body></html>");
            return;
        }
        var etag = $"\"{Convert.ToHexString(SHA256.HashData(route.Body))[..16]}\"";
        if (http.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            Log.Enqueue($"304 {path}");
            http.Response.StatusCode = 304;
            return;
        }
        Log.Enqueue($"200 {path}");
        http.Response.Headers.ETag = etag;
        http.Response.ContentType = route.ContentType;
        http.Response.ContentLength = route.Body.Length;
        if (route.CutShort)
        {
            await http.Response.Body.WriteAsync(route.Body.AsMemory(0, route.Body.Length / 2));
            await http.Response.Body.FlushAsync();
            http.Abort();
            return;
        }
        await http.Response.Body.WriteAsync(route.Body);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
