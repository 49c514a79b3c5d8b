using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using Watch.Versions;

namespace Watch.Delivery.Email;

/// <summary>
/// Turns rendered mails into MIME messages: multipart/alternative (plain text, then HTML), French, with
/// the one-click unsubscribe headers of RFC 2369 and RFC 8058 on every digest.
/// </summary>
public sealed class EmailComposer(DigestRenderer renderer, IOptions<EmailOptions> options)
{
    public EmailLinks Links => new(options.Value.PublicBaseUrl);

    /// <param name="upTo">The last event this digest covers: with the subscriber it names the message, so a
    /// digest sent twice after a crash carries the same Message-Id and can be recognised.</param>
    public MimeMessage Digest(Subscriber subscriber, IReadOnlyList<StoredEvent> events, DateOnly from, DateOnly to,
        IReadOnlyCollection<string> follows, long upTo, IReadOnlyDictionary<string, string> titles)
    {
        var links = Links;
        var unsubscribe = links.Unsubscribe(subscriber.Token);
        var message = Message(subscriber.Address, renderer.Digest(events, from, to, follows, unsubscribe, titles));
        message.MessageId = $"digest-{subscriber.Id}-{upTo}@{Domain(Sender())}";
        // No mailto: entry: nothing reads a mailbox, so an unsubscription sent there would be lost.
        message.Headers.Add("List-Unsubscribe", $"<{unsubscribe.AbsoluteUri}>");
        message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        message.Headers.Add("List-Id", $"Watch veille surveillance <digest.{links.Base.Host}>");
        return message;
    }

    public MimeMessage Confirmation(Subscriber subscriber, IReadOnlyCollection<string> follows)
    {
        var message = Message(subscriber.Address, renderer.Confirmation(Links.Confirm(subscriber.Token), follows));
        message.MessageId = MimeUtils.GenerateMessageId(Domain(Sender()));
        return message;
    }

    private MimeMessage Message(string to, RenderedEmail mail)
    {
        var message = new MimeMessage();
        message.From.Add(Sender());
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = mail.Subject;
        message.Date = DateTimeOffset.UtcNow;
        message.Headers.Add("Content-Language", "fr");
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Body = new BodyBuilder { TextBody = mail.Text, HtmlBody = mail.Html }.ToMessageBody();
        return message;
    }

    private MailboxAddress Sender()
    {
        var from = options.Value.From;
        if (string.IsNullOrWhiteSpace(from) || !MailboxAddress.TryParse(from, out var sender))
            throw new InvalidOperationException($"{EmailOptions.Section}:From must be a mail address (« Watch <veille@example.org> »), got '{from}'.");
        return sender;
    }

    private static string Domain(MailboxAddress address) => address.Domain is { Length: > 0 } d ? d : "watch.local";
}
