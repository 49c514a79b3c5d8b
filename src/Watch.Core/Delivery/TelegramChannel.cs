using System.Net;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types.Enums;
using Watch.Versions;

namespace Watch.Delivery;

public sealed class TelegramOptions
{
    public const string Section = "Channels:Telegram";

    /// <summary>From the environment (<c>Channels__Telegram__BotToken</c>) or user secrets, never from a committed file.</summary>
    public string? BotToken { get; set; }

    /// <summary>The Bot API server; a local Bot API server or a test emulator can stand in for Telegram.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://api.telegram.org");

    /// <summary>Channels and chats that receive every event (e.g. "@vsa_watch" or a numeric chat id).</summary>
    public List<string> ChatIds { get; set; } = [];

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>Posts events to Telegram chats through the Bot API (Telegram.Bot), HTML parse mode.</summary>
public sealed class TelegramChannel(ITelegramBotClient bot, IOptions<TelegramOptions> options) : IDeliveryChannel
{
    public const string HttpClientName = "telegram";

    public string Name => "telegram";

    public Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(options.Value.ChatIds);

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        try
        {
            var receipt = await bot.SendRequest(new SendMessageReceiptRequest(new SendMessageRequest
            {
                ChatId = ChatId(message.Recipient),
                Text = message.Summary.Html,
                ParseMode = ParseMode.Html,
                LinkPreviewOptions = new Telegram.Bot.Types.LinkPreviewOptions { IsDisabled = true },
            }), ct);
            return new DeliveryResult.Sent(receipt.MessageId.ToString());
        }
        catch (ApiRequestException e) when (e.ErrorCode == (int)HttpStatusCode.TooManyRequests)
        {
            return new DeliveryResult.Retry("429 Too Many Requests", e.Parameters?.RetryAfter is { } s ? TimeSpan.FromSeconds(s) : null);
        }
        catch (ApiRequestException e) when (e.ErrorCode is 403 || e.ErrorCode is 400 && e.Message.Contains("chat not found", StringComparison.OrdinalIgnoreCase))
        {
            return new DeliveryResult.RecipientGone($"{e.ErrorCode}: {e.Message}");
        }
        catch (RequestException e)
        {
            return new DeliveryResult.Retry($"{(e is ApiRequestException api ? api.ErrorCode : (int?)e.HttpStatusCode ?? 0)}: {e.Message}");
        }
    }

    private static Telegram.Bot.Types.ChatId ChatId(string recipient) =>
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
