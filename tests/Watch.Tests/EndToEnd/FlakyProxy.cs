using Watch.Cli.Replay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Watch.Tests.EndToEnd;

/// <summary>
/// A loopback reverse proxy in front of a real peer that answers the first calls of a method with the
/// given HTTP errors instead of forwarding them: a Bot API that fails, then recovers. A status of 0 in the
/// list forwards that call: (0, ""), (429, …) lets the first call through and fails the second. Given a test on the
/// request body, only the calls it picks out count (a Bot API that refuses one chat).
/// </summary>
public sealed class FlakyProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly System.Collections.Concurrent.ConcurrentQueue<(int Status, string Body)> _failures;

    public Uri BaseUrl { get; private set; } = null!;
    public int Failed { get; private set; }

    private FlakyProxy(WebApplication app, IEnumerable<(int, string)> failures)
    {
        _app = app;
        _failures = new(failures);
    }

    public static Task<FlakyProxy> StartAsync(Uri upstream, string failingMethod, int failures, int status, string body) =>
        StartAsync(upstream, failingMethod, Enumerable.Repeat((status, body), failures).ToArray());

    public static Task<FlakyProxy> StartAsync(Uri upstream, string failingMethod, params (int Status, string Body)[] failures) =>
        StartAsync(upstream, failingMethod, _ => true, failures);

    public static async Task<FlakyProxy> StartAsync(Uri upstream, string failingMethod, Func<string, bool> picks, params (int Status, string Body)[] failures)
    {
        var app = Loopback.CreateBuilder().Build();
        var proxy = new FlakyProxy(app, failures);
        var client = new HttpClient();

        app.Run(async http =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            if (http.Request.Path.Value!.EndsWith("/" + failingMethod, StringComparison.Ordinal)
                && picks(System.Text.Encoding.UTF8.GetString(buffer.ToArray())) && proxy._failures.TryDequeue(out var failure) && failure.Status != 0)
            {
                proxy.Failed++;
                http.Response.StatusCode = failure.Status;
                http.Response.ContentType = "application/json";
                await http.Response.WriteAsync(failure.Body);
                return;
            }
            await Forwarding.ForwardAsync(http, client, upstream, buffer.ToArray());
        });

        proxy.BaseUrl = await Loopback.StartAsync(app);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
