using Watch.Cli.Replay;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Watch.Tests.EndToEnd;

/// <summary>
/// A loopback proxy in front of a real peer that forwards the first <c>open</c> calls of a method and then
/// holds the others until <see cref="Open"/>. A held call whose client went away (a killed process) is
/// dropped, never forwarded: the network lost it before it reached the peer.
/// </summary>
public sealed class GateProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _forwardsLeft;
    private int _held;
    private int _dropped;

    public Uri BaseUrl { get; private set; } = null!;
    public int Held => Volatile.Read(ref _held);

    /// <summary>Held calls whose caller went away; once all held calls are dropped, opening the gate forwards none.</summary>
    public int Dropped => Volatile.Read(ref _dropped);

    private GateProxy(WebApplication app, int open)
    {
        _app = app;
        _forwardsLeft = open;
    }

    public void Open() => _gate.TrySetResult();

    public static async Task<GateProxy> StartAsync(Uri upstream, string method, int open)
    {
        var app = Loopback.CreateBuilder().Build();
        var proxy = new GateProxy(app, open);
        var client = new HttpClient();

        app.Run(async http =>
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer);
            if (http.Request.Path.Value!.EndsWith("/" + method, StringComparison.Ordinal) && Interlocked.Decrement(ref proxy._forwardsLeft) < 0)
            {
                Interlocked.Increment(ref proxy._held);
                try
                {
                    await proxy._gate.Task.WaitAsync(http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    Interlocked.Increment(ref proxy._dropped);
                    return; // the caller died while held: drop it
                }
            }
            await Forwarding.ForwardAsync(http, client, upstream, buffer.ToArray());
        });

        proxy.BaseUrl = await Loopback.StartAsync(app);
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        Open();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
