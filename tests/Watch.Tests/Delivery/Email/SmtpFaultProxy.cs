using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Watch.Tests.Delivery.Email;

/// <summary>
/// A TCP relay in front of a real SMTP server (MailDev) that makes the failures a real server makes:
/// it answers RCPT for chosen recipients with a refusal of its own (« 550 » from a server that does not know
/// a mailbox, « 451 » from one that greylists or rate-limits, « 421 » from one about to close), and when
/// <see cref="Down"/> it closes every new connection at once (as a server that is gone). Everything else
/// is relayed unchanged, line by line. It hides PIPELINING so that commands and answers alternate and a
/// refused RCPT can be answered in place.
/// </summary>
public sealed class SmtpFaultProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly string _upstreamHost;
    private readonly int _upstreamPort;
    private readonly Task _accepting;
    private int _refusals;

    public SmtpFaultProxy(string upstreamHost, int upstreamPort)
    {
        _upstreamHost = upstreamHost;
        _upstreamPort = upstreamPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public const string UserUnknown = "550 5.1.1 Recipient address rejected: User unknown";
    public const string RateLimited = "451 4.7.1 Recipient address rejected: rate limited, try again later";
    public const string ClosingChannel = "421 4.3.2 Service shutting down, closing transmission channel";

    /// <summary>Recipients (lower case) whose RCPT gets the reply given (e.g. <see cref="UserUnknown"/>) instead of reaching the server.</summary>
    public ConcurrentDictionary<string, string> RefusedRecipients { get; } = new();

    public const string RelayDenied = "554 5.7.1 Relay access denied";
    public const string SenderNotOwned = "553 5.7.1 Sender address rejected: not owned by user";

    /// <summary>When set, every MAIL FROM gets this reply instead of reaching the server (e.g. <see cref="SenderNotOwned"/>).</summary>
    public volatile string? SenderRefusal;

    /// <summary>While true, connections are closed before the greeting.</summary>
    public volatile bool Down;

    /// <summary>How many RCPT commands were refused.</summary>
    public int Refusals => Volatile.Read(ref _refusals);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            if (Down)
            {
                client.Dispose();
                continue;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                await upstream.ConnectAsync(_upstreamHost, _upstreamPort, _stop.Token);
                // Latin-1 maps each byte to one char and back: 8-bit message bodies pass unchanged.
                var fromClient = new StreamReader(client.GetStream(), Encoding.Latin1);
                var fromServer = new StreamReader(upstream.GetStream(), Encoding.Latin1);
                var toClient = client.GetStream();
                var toServer = upstream.GetStream();
                var clientLock = new SemaphoreSlim(1, 1);

                var serverToClient = Task.Run(async () =>
                {
                    while (await fromServer.ReadLineAsync(_stop.Token) is { } line)
                    {
                        if (line.StartsWith("250", StringComparison.Ordinal) && line.EndsWith("PIPELINING", StringComparison.OrdinalIgnoreCase))
                            line = line[..4] + "X-NO-PIPELINING";
                        await WriteAsync(toClient, line, clientLock);
                    }
                    client.Client.Shutdown(SocketShutdown.Send);
                });

                var inData = false;
                while (await fromClient.ReadLineAsync(_stop.Token) is { } line)
                {
                    if (inData)
                    {
                        if (line == ".") inData = false;
                    }
                    else if (line.StartsWith("MAIL FROM:", StringComparison.OrdinalIgnoreCase) && SenderRefusal is { } refusal)
                    {
                        await WriteAsync(toClient, refusal, clientLock);
                        continue;
                    }
                    else if (line.StartsWith("RCPT TO:", StringComparison.OrdinalIgnoreCase) && Refusal(line) is { } reply)
                    {
                        Interlocked.Increment(ref _refusals);
                        await WriteAsync(toClient, reply, clientLock);
                        // RFC 5321 §3.8: a server that answers 421 closes the connection.
                        if (reply.StartsWith("421", StringComparison.Ordinal)) break;
                        continue;
                    }
                    else if (line.Equals("DATA", StringComparison.OrdinalIgnoreCase))
                    {
                        inData = true;
                    }
                    await WriteAsync(toServer, line, null);
                }
                upstream.Client.Shutdown(SocketShutdown.Send);
                await serverToClient;
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // One side hung up: the relay for this connection ends with it.
            }
        }
    }

    private string? Refusal(string rcpt)
    {
        var start = rcpt.IndexOf('<');
        var end = rcpt.IndexOf('>', start + 1);
        if (start < 0 || end < 0) return null;
        return RefusedRecipients.GetValueOrDefault(rcpt[(start + 1)..end].ToLowerInvariant());
    }

    private static async Task WriteAsync(Stream stream, string line, SemaphoreSlim? gate)
    {
        var bytes = Encoding.Latin1.GetBytes(line + "\r\n");
        if (gate is not null) await gate.WaitAsync();
        try { await stream.WriteAsync(bytes); await stream.FlushAsync(); }
        finally { gate?.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
