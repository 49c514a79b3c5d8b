using System.Net.Http.Json;
using System.Text.Json;

namespace Watch.Tests.Infrastructure;

/// <summary>A message the bot sent, as the emulator stored it (the request body of sendMessage).</summary>
/// <param name="Text">The text exactly as the bot sent it (HTML markup included).</param>
/// <param name="ParseMode">The parse_mode the bot asked for ("HTML", …), or null.</param>
/// <param name="Raw">The whole stored body, for asserting on any other field (link_preview_options, …).</param>
public sealed record TelegramBotMessage(long ChatId, int MessageId, string Text, string? ParseMode, JsonElement Raw);

/// <summary>
/// A real Telegram Bot API peer for tests: the npm package telegram-test-api, run by
/// tests/emulators/telegram-server.js on 127.0.0.1. The bot side answers at <see cref="BaseUrl"/>
/// like api.telegram.org (<c>/bot{token}/sendMessage</c>, <c>getUpdates</c>, <c>getMe</c>, …);
/// the methods here play the Telegram user through the emulator's own client API.
/// Unlike Telegram, the emulator answers <c>date</c> in milliseconds in sendMessage results.
/// </summary>
public sealed class TelegramTestApi : IAsyncDisposable
{
    private readonly NodePeer _peer;
    private readonly HttpClient _http;

    private TelegramTestApi(NodePeer peer, Uri baseUrl)
    {
        _peer = peer;
        BaseUrl = baseUrl;
        _http = new HttpClient { BaseAddress = baseUrl };
    }

    /// <summary>Root of the emulator, e.g. http://127.0.0.1:40123/ (pass it as Telegram.Bot's baseUrl).</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts an emulator on a free loopback port and waits until it listens.</summary>
    public static async Task<TelegramTestApi> StartAsync()
    {
        // Port 0: the script listens on a port the OS chooses and reports it, so there is no race on a port picked in advance.
        var peer = await NodePeer.StartAsync("telegram-server.js", "0");
        var port = peer.Ready.GetProperty("port").GetInt32();
        return new TelegramTestApi(peer, new Uri($"http://127.0.0.1:{port}/"));
    }

    /// <summary>Every message the bot with <paramref name="token"/> sent to <paramref name="chatId"/>, oldest first.</summary>
    public async Task<IReadOnlyList<TelegramBotMessage>> BotMessagesAsync(string token, long chatId)
    {
        // /getUpdatesHistory leaves messages unread, unlike the client /getUpdates, so tests can read twice.
        var history = await PostAsync("getUpdatesHistory", new { token });
        var messages = new List<TelegramBotMessage>();
        foreach (var item in history.EnumerateArray())
        {
            var message = item.GetProperty("message");
            // Bot messages are stored as the sendMessage body (chat_id); user messages carry chat.id instead.
            if (!message.TryGetProperty("chat_id", out var chat) || ChatIdOf(chat) != chatId)
                continue;
            messages.Add(new TelegramBotMessage(
                chatId,
                item.GetProperty("messageId").GetInt32(),
                message.TryGetProperty("text", out var text) ? text.GetString() ?? "" : "",
                message.TryGetProperty("parse_mode", out var mode) ? mode.GetString() : null,
                message.Clone()));
        }
        return messages;
    }

    /// <summary>The texts of <see cref="BotMessagesAsync"/>.</summary>
    public async Task<IReadOnlyList<string>> BotTextsAsync(string token, long chatId) =>
        (await BotMessagesAsync(token, chatId)).Select(m => m.Text).ToList();

    /// <summary>
    /// A user of a private chat (chat id = user id) writes <paramref name="text"/> to the bot; the bot
    /// receives it through getUpdates. Text starting with '/' carries a bot_command entity, as Telegram sends.
    /// </summary>
    public async Task SendUserMessageAsync(string token, long chatId, string text, string firstName = "Test", string? username = "testuser")
    {
        var command = text.StartsWith('/') ? text.Split(' ', 2)[0] : null;
        var message = new Dictionary<string, object?>
        {
            ["botToken"] = token,
            ["from"] = new { id = chatId, is_bot = false, first_name = firstName, username },
            ["chat"] = new { id = chatId, type = "private", first_name = firstName, username },
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["text"] = text,
        };
        if (command is not null)
            message["entities"] = new[] { new { type = "bot_command", offset = 0, length = command.Length } };
        await PostAsync("sendMessage", message);
    }

    private async Task<JsonElement> PostAsync(string clientMethod, object body)
    {
        using var response = await _http.PostAsJsonAsync(clientMethod, body);
        var content = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"telegram-test-api /{clientMethod} answered {(int)response.StatusCode}: {content}\nstderr:\n{_peer.StandardError}");
        using var json = JsonDocument.Parse(content);
        return json.RootElement.GetProperty("result").Clone();
    }

    private static long ChatIdOf(JsonElement chatId) => chatId.ValueKind switch
    {
        JsonValueKind.Number => chatId.GetInt64(),
        JsonValueKind.String when long.TryParse(chatId.GetString(), out var id) => id,
        _ => long.MinValue, // "@channelname" targets never match a numeric chat id
    };

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _peer.DisposeAsync();
    }
}
