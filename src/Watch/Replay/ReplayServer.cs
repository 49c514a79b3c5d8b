using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Watch.Cli.Replay;

/// <summary>
/// A loopback stand-in for www.assemblee-nationale.fr that serves recorded real files, so the demo goes
/// through the real HTTP fetch code offline. It answers the two URLs the AN source uses:
/// <c>/dyn/opendata/list-publication/publication_YYYY-MM-DD</c>, listing every recorded amendment as the
/// real list does (<c>date;URL</c>, URL of the XML), and <c>/dyn/opendata/{uid}.json</c>, the recorded file
/// byte for byte. Both carry an ETag and answer 304 to a matching If-None-Match.
/// </summary>
public sealed class ReplayServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ReplayServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public static async Task<ReplayServer> StartAsync(string recordedAmendmentsDir)
    {
        var files = Directory.GetFiles(recordedAmendmentsDir, "AMAN*.json")
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal);

        var app = Loopback.CreateBuilder().Build();

        app.MapGet("/dyn/opendata/list-publication/{name}", (string name, HttpContext http) =>
        {
            if (!name.StartsWith("publication_", StringComparison.Ordinal)) return Results.NotFound();
            var origin = $"{http.Request.Scheme}://{http.Request.Host}";
            var lines = files.Keys.Order().Select(uid => $"{name["publication_".Length..]}T08:00:00;{origin}/dyn/opendata/{uid}.xml");
            return Respond(http, System.Text.Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n"), "text/csv; charset=utf-8");
        });
        app.MapGet("/dyn/opendata/{file}", (string file, HttpContext http) =>
            file.EndsWith(".json", StringComparison.Ordinal) && files.TryGetValue(file[..^5], out var path)
                ? Respond(http, File.ReadAllBytes(path), "application/json")
                : Results.NotFound());

        return new ReplayServer(app, await Loopback.StartAsync(app));
    }

    private static IResult Respond(HttpContext http, byte[] body, string contentType)
    {
        var etag = $"\"{Convert.ToHexString(SHA256.HashData(body))[..16]}\"";
        if (http.Request.Headers.IfNoneMatch.ToString() == etag) return Results.StatusCode(StatusCodes.Status304NotModified);
        http.Response.Headers.ETag = etag;
        return Results.Bytes(body, contentType);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
