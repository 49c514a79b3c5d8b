using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types.Enums;
using Watch.Summaries;
using Watch.Versions;

namespace Watch.Delivery.Telegram;

/// <summary>
/// Posts events to Telegram through the Bot API (Telegram.Bot), HTML parse mode: to the configured
/// channels, and to every person whose /suivre subscriptions match the event. A message too long for one
/// Telegram message goes out in parts; each part sent is saved on the outbox row at once, so a retry (after
/// a 429 on the second part, or a crash) sends only the parts still missing: Telegram has no idempotency key.
/// A group upgraded to a supergroup gets a new id, which Telegram names when it refuses the old one: the message goes
/// there, and so do the chat's later ones while the process runs.
/// </summary>
public sealed class TelegramChannel(
    ITelegramBotClient bot, ISubscriberStore subscribers, IOutbox outbox, TelegramLimits limits, IOptions<TelegramOptions> options,
    ILogger<TelegramChannel> log) : IDeliveryChannel
{
    public const string HttpClientName = "telegram";
    public const string ChannelName = "telegram";

    /// <summary>Chats upgraded to a supergroup, old id → new id.</summary>
    private readonly ConcurrentDictionary<string, string> _migrated = new();

    public string Name => ChannelName;

    public async Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct)
    {
        var followers = await subscribers.FollowersAsync(Name, watchEvent.Followable, ct);
        return options.Value.ChatIds.Concat(followers.Select(f => f.Address)).Distinct().ToList();
    }

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var sent = message.PartsSent();
        var chat = _migrated.GetValueOrDefault(message.Recipient, message.Recipient);
        try
        {
            var parts = TelegramText.Split(message.Summary.Html, TelegramHtml.MaxLength);
            for (var i = sent.Count; i < parts.Count; i++)
            {
                var receipt = await SendPartAsync(bot, limits, chat, parts[i], ct);
                sent.Add(receipt.MessageId.ToString(CultureInfo.InvariantCulture));
                if (i + 1 < parts.Count) await outbox.SavePartsSentAsync(message.OutboxId, sent, CancellationToken.None);
            }
            return new DeliveryResult.Sent(sent.FirstOrDefault());
        }
        catch (ApiRequestException e) when (e.Parameters?.MigrateToChatId is { } to && Migrated(message.Recipient, chat, to))
        {
            return await SendAsync(message with { Progress = string.Join(',', sent) }, ct);
        }
        catch (ApiRequestException e) when (e.ErrorCode == (int)HttpStatusCode.TooManyRequests)
        {
            return new DeliveryResult.Retry("429 Too Many Requests", e.Parameters?.RetryAfter is { } s ? TimeSpan.FromSeconds(s) : null);
        }
        // Nothing this message or chat did, and every other send would hear the same.
        catch (ApiRequestException e) when (TokenRefused(e))
        {
            return new DeliveryResult.ChannelUnavailable($"{e.ErrorCode}: {e.Message}: the bot token was refused (revoked or wrong)");
        }
        catch (ApiRequestException e) when (e.ErrorCode is 403 || e.ErrorCode is 400 && e.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase))
        {
            // Blocked by the user, kicked from the group, account deleted: this chat is gone until it writes /start again.
            if (await subscribers.FindAsync(Name, message.Recipient, ct) is { } subscriber)
                await subscribers.SetStateAsync(subscriber.Id, SubscriberState.Gone, ct);
            return new DeliveryResult.RecipientGone($"{e.ErrorCode}: {e.Message}");
        }
        catch (RequestException e)
        {
            return new DeliveryResult.Retry($"{(e is ApiRequestException api ? api.ErrorCode : (int?)e.HttpStatusCode ?? 0)}: {e.Message}");
        }
    }

    /// <summary>
    /// Records that <paramref name="recipient"/>, refused at <paramref name="chat"/>, is now <paramref name="to"/>; false
    /// when Telegram named the chat it refused, which a resend would not mend. A group migrates once: supergroups never do.
    /// </summary>
    private bool Migrated(string recipient, string chat, long to)
    {
        var now = to.ToString(CultureInfo.InvariantCulture);
        if (now == chat) return false;
        // A send in flight beside this one may have learnt it first: it has said so.
        if (_migrated.TryGetValue(recipient, out var known) && known == now) return true;
        _migrated[recipient] = now;
        // Subscribers are private chats, which are never upgraded: the old id is one the operator configured.
        log.LogError("Telegram chat {OldChatId} was upgraded to a supergroup, now {NewChatId}: its messages go there until Watch restarts; "
            + "replace the old id in Channels:Telegram:ChatIds", recipient, now);
        return true;
    }

    /// <summary>One message of at most <see cref="TelegramHtml.MaxLength"/>, in HTML and without link preview, once the chat's rate allows it.</summary>
    internal static async Task<SentMessageReceipt> SendPartAsync(ITelegramBotClient bot, TelegramLimits limits, string recipient, string html, CancellationToken ct)
    {
        await limits.WaitAsync(recipient, ct);
        return await bot.SendRequest(new SendMessageReceiptRequest(new SendMessageRequest
        {
            ChatId = ChatId(recipient),
            Text = html,
            ParseMode = ParseMode.Html,
            LinkPreviewOptions = new global::Telegram.Bot.Types.LinkPreviewOptions { IsDisabled = true },
        }), ct);
    }

    /// <summary>
    /// The bot's own token was refused: the Bot API answers 401 Unauthorized to a revoked or unknown token, and 404 Not
    /// Found when the token in the URL is malformed.
    /// </summary>
    internal static bool TokenRefused(ApiRequestException e) => e.ErrorCode is 401 or 404;

    internal static global::Telegram.Bot.Types.ChatId ChatId(string recipient) =>
        long.TryParse(recipient, out var id) ? new(id) : new(recipient);
}

/// <summary>
/// sendMessage, reading back only the message id. Once Telegram has answered 200 the message is out,
/// and the outbox must record it as sent: parsing the whole Message (whose fields drift between Bot API
/// servers, e.g. a <c>date</c> in milliseconds) must not be able to turn a delivered message into a retry.
/// </summary>
internal sealed class SendMessageReceiptRequest(SendMessageRequest inner) : IRequest<SentMessageReceipt>
{
    public HttpMethod HttpMethod => inner.HttpMethod;
    public string MethodName => inner.MethodName;
    public bool IsWebhookResponse { get => inner.IsWebhookResponse; set => inner.IsWebhookResponse = value; }
    public HttpContent? ToHttpContent() => inner.ToHttpContent();
}

internal sealed record SentMessageReceipt(int MessageId);
