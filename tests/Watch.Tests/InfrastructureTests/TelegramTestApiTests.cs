using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Requests;
using Telegram.Bot.Requests.Abstractions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Watch.Tests.Infrastructure;

namespace Watch.Tests.InfrastructureTests;

public sealed class TelegramEmulatorFixture : IAsyncLifetime
{
    public TelegramTestApi Api { get; private set; } = null!;
    public async Task InitializeAsync() => Api = await TelegramTestApi.StartAsync();
    public async Task DisposeAsync() => await Api.DisposeAsync();
}

/// <summary>Telegram.Bot 22.10.3.3 against telegram-test-api 4.2.1: what works, and the millisecond date quirk.</summary>
public sealed class TelegramTestApiTests(TelegramEmulatorFixture emulator) : IClassFixture<TelegramEmulatorFixture>, IDisposable
{
    // Every test uses its own token: the emulator keeps messages per token, so tests sharing it cannot see each other.
    private readonly string _token = $"{Random.Shared.Next(100_000, 999_999)}:TEST-{Guid.NewGuid():N}";
    private readonly HttpClient _http = new();

    private TelegramTestApi Api => emulator.Api;

    private TelegramBotClient Bot() =>
        new(new TelegramBotClientOptions(_token, baseUrl: Api.BaseUrl.ToString()), _http);

    public void Dispose() => _http.Dispose();

    [Fact]
    public async Task SendMessage_is_delivered_but_Telegram_Bot_throws_on_the_millisecond_date_of_the_answer()
    {
        var error = await Assert.ThrowsAsync<RequestException>(() =>
            Bot().SendMessage(42, "<b>Proposition de loi</b> n° 1234 &amp; VSA", parseMode: ParseMode.Html));

        // Telegram.Bot reads Message.Date through a property-level UnixDateTimeConverter: epoch.AddSeconds(ms) overflows DateTime.
        Assert.Equal(HttpStatusCode.OK, error.HttpStatusCode);
        Assert.Equal("There was an exception during deserialization of the response", error.Message);
        Assert.IsType<ArgumentOutOfRangeException>(error.InnerException);
        Assert.Contains("UnixDateTimeConverter", error.InnerException!.StackTrace);

        // …yet the emulator did receive and store the message, exactly as sent.
        var sent = Assert.Single(await Api.BotMessagesAsync(_token, 42));
        Assert.Equal("<b>Proposition de loi</b> n° 1234 &amp; VSA", sent.Text);
        Assert.Equal("Html", sent.ParseMode); // Telegram.Bot writes the enum name; Telegram reads parse_mode case-insensitively
        Assert.Equal(42, sent.ChatId);
    }

    [Fact]
    public async Task The_emulator_answers_date_in_milliseconds_and_no_serializer_converter_can_override_the_property_attribute()
    {
        using var response = await _http.PostAsJsonAsync($"{Api.BaseUrl}bot{_token}/sendMessage", new { chat_id = 7, text = "x" });
        var body = await response.Content.ReadAsStringAsync();
        var date = JsonDocument.Parse(body).RootElement.GetProperty("result").GetProperty("date").GetInt64();
        var now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.InRange(date, now - 3_600_000, now + 3_600_000); // milliseconds, where Telegram sends seconds

        // A tolerant DateTime converter in a copy of Telegram.Bot's options changes nothing: [JsonConverter] on Message.Date wins.
        var options = new JsonSerializerOptions(JsonBotAPI.Options);
        options.Converters.Add(new MillisecondsTolerantDateConverter());
        Assert.Throws<ArgumentOutOfRangeException>(() => JsonSerializer.Deserialize<ApiResponse<Message>>(body, options));
    }

    [Fact]
    public async Task A_send_request_that_reads_only_message_id_learns_that_the_send_succeeded()
    {
        var request = new SendMessageRequest
        {
            ChatId = 42,
            Text = "<i>Nouvelle version</i> du texte",
            ParseMode = ParseMode.Html,
            LinkPreviewOptions = new LinkPreviewOptions { IsDisabled = true },
        };

        var receipt = await Bot().SendRequest(new SendMessageReceiptRequest(request));

        var sent = Assert.Single(await Api.BotMessagesAsync(_token, 42));
        Assert.Equal(sent.MessageId, receipt.MessageId);
        Assert.Equal("<i>Nouvelle version</i> du texte", sent.Text);
        Assert.True(sent.Raw.GetProperty("link_preview_options").GetProperty("is_disabled").GetBoolean());
    }

    [Fact]
    public async Task A_user_command_reaches_the_bot_through_getUpdates_and_bot_messages_are_kept_per_chat()
    {
        await Api.SendUserMessageAsync(_token, 1001, "/start abonnement", firstName: "Camille");
        var bot = Bot();

        var update = Assert.Single(await bot.GetUpdates());
        Assert.Equal("/start abonnement", update.Message!.Text);
        Assert.Equal(1001, update.Message.Chat.Id);
        Assert.Equal("Camille", update.Message.From!.FirstName);
        var entity = Assert.Single(update.Message.Entities!);
        Assert.Equal(MessageEntityType.BotCommand, entity.Type);
        Assert.Equal("/start".Length, entity.Length);
        Assert.Empty(await bot.GetUpdates(offset: update.Id + 1));

        await bot.SendRequest(new SendMessageReceiptRequest(new SendMessageRequest { ChatId = 1001, Text = "Bienvenue" }));
        await bot.SendRequest(new SendMessageReceiptRequest(new SendMessageRequest { ChatId = 2002, Text = "Autre chat" }));
        await bot.SendRequest(new SendMessageReceiptRequest(new SendMessageRequest { ChatId = 1001, Text = "Second" }));

        Assert.Equal(["Bienvenue", "Second"], await Api.BotTextsAsync(_token, 1001));
        Assert.Equal(["Autre chat"], await Api.BotTextsAsync(_token, 2002));
        Assert.Empty(await Api.BotTextsAsync(_token, 3003));
    }

    /// <summary>
    /// The pattern recommended for the production TelegramChannel: Telegram.Bot builds and sends the real
    /// sendMessage request, but only message_id is read back, so an answer whose other fields Telegram.Bot
    /// cannot parse (the emulator's millisecond date) still proves the send succeeded.
    /// </summary>
    private sealed class SendMessageReceiptRequest(SendMessageRequest inner) : IRequest<SentMessageReceipt>
    {
        public HttpMethod HttpMethod => inner.HttpMethod;
        public string MethodName => inner.MethodName;
        public bool IsWebhookResponse { get => inner.IsWebhookResponse; set => inner.IsWebhookResponse = value; }
        public HttpContent? ToHttpContent() => inner.ToHttpContent();
    }

    private sealed record SentMessageReceipt(int MessageId);

    private sealed class MillisecondsTolerantDateConverter : JsonConverter<DateTime>
    {
        public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var value = reader.GetInt64();
            return value > 100_000_000_000 ? DateTime.UnixEpoch.AddMilliseconds(value) : DateTime.UnixEpoch.AddSeconds(value);
        }

        public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(new DateTimeOffset(value).ToUnixTimeSeconds());
    }
}
