namespace Watch.Delivery.Telegram;

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

    /// <summary>Answer people's commands (/start, /suivre…) by long polling getUpdates in <c>watch serve</c>.</summary>
    public bool Commands { get; set; } = true;

    /// <summary>Telegram's limits: about 30 messages a second in all, one a second per chat, 20 a minute per group.</summary>
    public int GlobalPerSecond { get; set; } = 30;
    public int PerChatPerSecond { get; set; } = 1;
    public int PerGroupPerMinute { get; set; } = 20;
}
