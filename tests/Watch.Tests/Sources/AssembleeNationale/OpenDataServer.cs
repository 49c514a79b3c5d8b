using Watch.Cli.Replay;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Watch.Tests.Sources.AssembleeNationale;

/// <summary>
/// A loopback stand-in for data.assemblee-nationale.fr serving archives the test builds from recorded files:
/// each path answers what the test last published there, with an ETag and a 304 to a matching If-None-Match,
/// or a failure the test sets (an HTTP status, a body cut off mid-way).
/// </summary>
public sealed class OpenDataServer : IAsyncDisposable
{
    public sealed record Request(string Path, bool Conditional, int Status);

    private abstract record Answer;
    private sealed record Body(byte[] Bytes, string ContentType) : Answer;
    private sealed record Status(int Code) : Answer;
    private sealed record CutOff(byte[] Bytes) : Answer;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Answer> _answers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Request> _requests = new();

    public Uri BaseUrl { get; private set; } = null!;
    public IReadOnlyList<Request> Requests => _requests.ToList();

    private OpenDataServer(WebApplication app) => _app = app;

    public static async Task<OpenDataServer> StartAsync()
    {
        var app = Loopback.CreateBuilder().Build();
        var server = new OpenDataServer(app);
        app.Run(server.HandleAsync);
        server.BaseUrl = await Loopback.StartAsync(app);
        return server;
    }

    public void Publish(string path, byte[] bytes, string contentType = "application/zip") => _answers[path] = new Body(bytes, contentType);
    public void Fail(string path, int status) => _answers[path] = new Status(status);

    /// <summary>Announces the whole length, sends half, then drops the connection.</summary>
    public void CutOffMidway(string path, byte[] bytes) => _answers[path] = new CutOff(bytes);

    public static string ETagOf(byte[] bytes) => $"\"{Convert.ToHexString(SHA256.HashData(bytes))[..16]}\"";

    private async Task HandleAsync(HttpContext http)
    {
        var path = http.Request.Path.Value!.TrimStart('/');
        var conditional = http.Request.Headers.IfNoneMatch.Count > 0;
        if (!_answers.TryGetValue(path, out var answer))
        {
            Respond(404);
            return;
        }
        switch (answer)
        {
            case Status s:
                // Retry-After: 0 keeps the resilience handler's retries instant; they still happen.
                http.Response.Headers.RetryAfter = "0";
                Respond(s.Code);
                return;
            case CutOff c:
                Respond(200);
                http.Response.ContentLength = c.Bytes.Length;
                await http.Response.Body.WriteAsync(c.Bytes.AsMemory(0, c.Bytes.Length / 2));
                await http.Response.Body.FlushAsync();
                http.Abort();
                return;
            case Body b:
                var etag = ETagOf(b.Bytes);
                if (http.Request.Headers.IfNoneMatch.ToString() == etag)
                {
                    Respond(304);
                    return;
                }
                Respond(200);
                http.Response.Headers.ETag = etag;
                http.Response.ContentType = b.ContentType;
                http.Response.ContentLength = b.Bytes.Length;
                await http.Response.Body.WriteAsync(b.Bytes);
                return;
        }

        void Respond(int status)
        {
            http.Response.StatusCode = status;
            _requests.Enqueue(new Request(path, conditional, status));
        }
    }

    /// <summary>A zip of (entry name, bytes), as the AN's dumps are: one JSON file per object.</summary>
    public static byte[] Zip(IEnumerable<(string Name, byte[] Bytes)> entries, CompressionLevel level = CompressionLevel.Optimal)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var stream = zip.CreateEntry(name, level).Open();
                stream.Write(bytes);
            }
        }
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
