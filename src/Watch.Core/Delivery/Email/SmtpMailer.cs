using MailKit.Net.Smtp;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Watch.Delivery.Email;

/// <summary>How handing one message to the SMTP server ended.</summary>
public abstract record MailOutcome
{
    /// <summary>The server took responsibility for the message (250 after DATA).</summary>
    public sealed record Accepted(string Response) : MailOutcome;

    /// <summary>The server refused this message or recipient; the connection is still good for the next one.</summary>
    /// <param name="Temporary">A 4xx reply (greylisting, a rate limit, a full mailbox): the same message may pass later.</param>
    /// <param name="NoSuchMailbox">The recipient's address itself was refused for good: its mailbox does not exist or is disabled
    /// (RFC 3463 5.1.x, 5.2.1; without an enhanced code, 550, 551 or 553), as opposed to a policy (5.7.x: a relay
    /// refusing, a blocklist) or a message refused (too big, spam).</param>
    public sealed record Rejected(string Reason, bool Temporary, bool NoSuchMailbox = false) : MailOutcome;

    /// <summary>
    /// No server to talk to (cannot connect, TLS or login failed, connection lost, 421), or a sender it refuses: the next
    /// messages would fail too.
    /// </summary>
    public sealed record Unavailable(string Reason) : MailOutcome;
}

/// <summary>Sends mail through the configured SMTP server with MailKit.</summary>
public sealed class SmtpMailer(IOptions<EmailOptions> options, ILogger<SmtpMailer> log)
{
    /// <summary>A connection opened on the first send and reused for the following ones (a digest run).</summary>
    public SmtpSession OpenSession() => new(options.Value, log);

    public async Task<MailOutcome> SendAsync(MimeMessage message, CancellationToken ct)
    {
        await using var session = OpenSession();
        return await session.SendAsync(message, ct);
    }
}

public sealed partial class SmtpSession : IAsyncDisposable
{
    private readonly EmailOptions _options;
    private readonly ILogger _log;
    private readonly SmtpClient _client = new();

    internal SmtpSession(EmailOptions options, ILogger log)
    {
        _options = options;
        _log = log;
        _client.Timeout = (int)options.Timeout.TotalMilliseconds;
    }

    public async Task<MailOutcome> SendAsync(MimeMessage message, CancellationToken ct)
    {
        try
        {
            if (!_client.IsConnected) await ConnectAsync(ct);
            var response = await _client.SendAsync(message, ct);
            return new MailOutcome.Accepted(response);
        }
        // 421 is the server closing the connection, whatever the command it answers: not this message's fault. A refused
        // sender (MAIL FROM) is Watch's own setting (its From, SPF), the same for every message: the server is as good as gone.
        catch (SmtpCommandException e) when (e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted
            && e.StatusCode != SmtpStatusCode.ServiceNotAvailable)
        {
            // MailKit has reset the transaction: the connection serves the next recipient.
            var code = (int)e.StatusCode;
            return new MailOutcome.Rejected($"{code} {e.ErrorCode}{(e.Mailbox is null ? "" : $" <{e.Mailbox.Address}>")}: {e.Message}",
                Temporary: code < 500, NoSuchMailbox: e.ErrorCode == SmtpErrorCode.RecipientNotAccepted && NoSuchMailbox(code, e.Message));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            if (_client.IsConnected)
            {
                try { await _client.DisconnectAsync(quit: false, CancellationToken.None); }
                catch (Exception) { /* the connection is already broken; reporting the first error matters */ }
            }
            // The message of MailKit's exceptions names the host and the failure, never the password.
            return new MailOutcome.Unavailable($"smtp {_options.SmtpHost}:{_options.SmtpPort}: {e.GetType().Name}: {e.Message}");
        }
    }

    /// <summary>The reply says the address does not exist or is disabled, by its enhanced status code (RFC 3463) or else its basic one.</summary>
    private static bool NoSuchMailbox(int code, string text)
    {
        if (EnhancedCode().Match(text) is { Success: true } enhanced)
            return enhanced.Groups["class"].Value == "5" && (enhanced.Groups["subject"].Value == "1" || enhanced.Value == "5.2.1");
        return code is 550 or 551 or 553;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?<class>[245])\.(?<subject>\d{1,3})\.\d{1,3}\b")]
    private static partial System.Text.RegularExpressions.Regex EnhancedCode();

    private async Task ConnectAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(_options.SmtpHost))
            throw new InvalidOperationException($"{EmailOptions.Section}:SmtpHost is not configured.");
        await _client.ConnectAsync(_options.SmtpHost, _options.SmtpPort, _options.SocketOptions, ct);
        if (!string.IsNullOrEmpty(_options.SmtpUser))
            await _client.AuthenticateAsync(_options.SmtpUser, _options.SmtpPassword ?? "", ct);
        _log.LogDebug("Connected to SMTP {Host}:{Port} ({Tls})", _options.SmtpHost, _options.SmtpPort, _options.UseTls);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_client.IsConnected) await _client.DisconnectAsync(quit: true, CancellationToken.None);
        }
        catch (Exception e)
        {
            _log.LogDebug("SMTP QUIT failed: {Error}", e.Message);
        }
        finally
        {
            _client.Dispose();
        }
    }
}
