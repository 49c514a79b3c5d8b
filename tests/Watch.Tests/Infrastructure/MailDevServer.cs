using System.Text.Json;

namespace Watch.Tests.Infrastructure;

/// <summary>
/// A real SMTP peer for tests: MailDev 2 (npm), run by tests/emulators/maildev-server.js on 127.0.0.1.
/// It accepts any mail without authentication or TLS and shows what it received through its REST API.
/// </summary>
public sealed class MailDevServer : IAsyncDisposable
{
    private readonly NodePeer _peer;
    private readonly HttpClient _http;
    private readonly string _mailDirectory;

    private MailDevServer(NodePeer peer, int smtpPort, int webPort, string mailDirectory)
    {
        _peer = peer;
        SmtpPort = smtpPort;
        WebUrl = new Uri($"http://127.0.0.1:{webPort}/");
        _http = new HttpClient { BaseAddress = WebUrl };
        _mailDirectory = mailDirectory;
    }

    public string SmtpHost => "127.0.0.1";
    public int SmtpPort { get; }

    /// <summary>Root of MailDev's web UI and REST API.</summary>
    public Uri WebUrl { get; }

    /// <summary>Starts MailDev with free SMTP and web ports on 127.0.0.1 and a fresh mail folder.</summary>
    public static async Task<MailDevServer> StartAsync()
    {
        var mailDirectory = Directory.CreateTempSubdirectory("watch-maildev-").FullName;
        try
        {
            var peer = await NodePeer.StartAsync("maildev-server.js", "0", "0", mailDirectory);
            return new MailDevServer(peer,
                peer.Ready.GetProperty("smtpPort").GetInt32(),
                peer.Ready.GetProperty("webPort").GetInt32(),
                mailDirectory);
        }
        catch
        {
            Directory.Delete(mailDirectory, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Every message received, oldest first, as MailDev parses them (GET /email): fields id, subject,
    /// from/to (arrays of {address, name}), text, html, headers (lower-case names), date, attachments….
    /// </summary>
    /// <param name="atLeast">
    /// Messages the caller knows were accepted over SMTP: MailDev lists a message only once it has parsed it, a
    /// moment after the SMTP transaction ends, so the list is read again until they are all there (10 s at most).
    /// </param>
    public async Task<IReadOnlyList<JsonElement>> MessagesAsync(int atLeast = 0)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var json = await GetStringAsync("email");
            using var document = JsonDocument.Parse(json);
            var messages = document.RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
            if (messages.Count >= atLeast || DateTime.UtcNow > deadline) return messages;
            await Task.Delay(50);
        }
    }

    /// <summary>The message exactly as it came over SMTP (GET /email/:id/source), for header checks.</summary>
    public Task<string> RawSourceAsync(string id) => GetStringAsync($"email/{Uri.EscapeDataString(id)}/source");

    /// <summary>Forgets every received message (DELETE /email/all).</summary>
    public async Task DeleteAllAsync()
    {
        using var response = await _http.DeleteAsync("email/all");
        await EnsureSuccessAsync(response, "DELETE /email/all");
    }

    private async Task<string> GetStringAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        await EnsureSuccessAsync(response, $"GET /{path}");
        return await response.Content.ReadAsStringAsync();
    }

    private async Task EnsureSuccessAsync(HttpResponseMessage response, string request)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"MailDev {request} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}\nstderr:\n{_peer.StandardError}");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _peer.DisposeAsync();
        try { Directory.Delete(_mailDirectory, recursive: true); }
        catch (IOException) { /* a leftover temp folder must not fail a test */ }
    }
}
