using MailKit.Security;

namespace Watch.Delivery.Email;

/// <summary>How the SMTP connection is secured.</summary>
public enum EmailTls
{
    /// <summary>Plain text: only for a relay on the same machine or a test server.</summary>
    None,
    /// <summary>STARTTLS required (port 587); the connection fails when the server does not offer it.</summary>
    StartTls,
    /// <summary>STARTTLS when offered, plain text otherwise.</summary>
    StartTlsWhenAvailable,
    /// <summary>Implicit TLS from the first byte (port 465).</summary>
    SslOnConnect,
}

/// <summary>
/// How many subscription requests the form takes: each one can queue a confirmation mail to any address, so the
/// form would otherwise let anyone flood an inbox, or spend the sender's reputation with its SMTP provider.
/// </summary>
public sealed class SubscribeFormLimits
{
    /// <summary>From one client (an IPv4 address, an IPv6 /64): room for typos and a few people behind one NAT.</summary>
    public int PerClient { get; set; } = 5;

    public TimeSpan PerClientWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>From all clients together: far above the sign-ups a weekly digest gets, low enough that a flood from many addresses does not spend the SMTP account's quota.</summary>
    public int AllClients { get; set; } = 100;

    public TimeSpan AllClientsWindow { get; set; } = TimeSpan.FromHours(1);
}

/// <summary>The email channel: the SMTP account, the public address of the subscription pages and the digest schedule.</summary>
public sealed class EmailOptions
{
    public const string Section = "Channels:Email";

    public string? SmtpHost { get; set; }
    public int SmtpPort { get; set; } = 587;
    public string? SmtpUser { get; set; }

    /// <summary>From the environment (<c>Channels__Email__SmtpPassword</c>) or user secrets, never from a committed file; never logged.</summary>
    public string? SmtpPassword { get; set; }

    public EmailTls UseTls { get; set; } = EmailTls.StartTls;

    /// <summary>The sender, e.g. « Watch veille surveillance &lt;veille@example.org&gt; ».</summary>
    public string? From { get; set; }

    /// <summary>Where the subscription pages are reachable from the Internet, e.g. « https://veille.example.org/ »; links in mails start with it.</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>When the weekly digest goes out (Hangfire cron, in <see cref="TimeZone"/>): Monday 08:00 by default.</summary>
    public string DigestCron { get; set; } = "0 8 * * 1";

    public string TimeZone { get; set; } = "Europe/Paris";

    /// <summary>A mailbox (an address without its « +tag ») is sent at most one confirmation mail per interval, whoever fills the form.</summary>
    public TimeSpan ConfirmationInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Events younger than this are left for the next digest: a store whose ids are given before commit
    /// (a PostgreSQL sequence) can make a lower id visible after a higher one, and a watermark must not pass it.
    /// </summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>A newly confirmed subscriber's first digest reaches back this far, no further.</summary>
    public TimeSpan FirstDigestLookback { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Weekly digests refused in a row, the address said not to exist, after which it is no longer mailed. More than one:
    /// a misconfigured mail server can refuse everything for a day.
    /// </summary>
    public int RefusalsBeforeGone { get; set; } = 3;

    public SubscribeFormLimits FormLimits { get; set; } = new();

    /// <summary>
    /// The reverse proxies (IP addresses) whose <c>X-Forwarded-For</c> names the client the form's limits count.
    /// Empty: the header is ignored and the client is the address of the connection.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>True when mail can be sent: a server, a sender and the public address the links point to.</summary>
    public bool IsConfigured =>
        !string.IsNullOrWhiteSpace(SmtpHost) && !string.IsNullOrWhiteSpace(From) && !string.IsNullOrWhiteSpace(PublicBaseUrl);

    internal SecureSocketOptions SocketOptions => UseTls switch
    {
        EmailTls.None => SecureSocketOptions.None,
        EmailTls.StartTls => SecureSocketOptions.StartTls,
        EmailTls.StartTlsWhenAvailable => SecureSocketOptions.StartTlsWhenAvailable,
        EmailTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => throw new InvalidOperationException($"{Section}:UseTls has an unknown value '{UseTls}'."),
    };

    /// <summary>Never prints the password, so options dumped in a log or an exception stay safe.</summary>
    public override string ToString() =>
        $"smtp://{SmtpUser}{(SmtpUser is null ? "" : "@")}{SmtpHost}:{SmtpPort} ({UseTls}), from {From}, password {(string.IsNullOrEmpty(SmtpPassword) ? "unset" : "set")}";
}
