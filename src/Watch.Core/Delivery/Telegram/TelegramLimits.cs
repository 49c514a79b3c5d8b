using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Watch.Delivery.Telegram;

/// <summary>
/// Token buckets for Telegram's documented limits, shared by everything that sends through the bot:
/// one for the whole bot, one per chat (private chats and groups/channels have different rates).
/// A send waits for both tokens, so bursts are smoothed rather than answered with 429.
/// </summary>
public sealed class TelegramLimits : IDisposable
{
    private readonly RateLimiter _global;
    private readonly PartitionedRateLimiter<string> _perChat;

    public TelegramLimits(IOptions<TelegramOptions> options)
    {
        var o = options.Value;
        _global = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = o.GlobalPerSecond,
            TokensPerPeriod = o.GlobalPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        _perChat = PartitionedRateLimiter.Create<string, string>(chat => IsGroup(chat)
            ? RateLimitPartition.GetTokenBucketLimiter(chat, _ => Bucket(o.PerGroupPerMinute, TimeSpan.FromMinutes(1)))
            : RateLimitPartition.GetTokenBucketLimiter(chat, _ => Bucket(o.PerChatPerSecond, TimeSpan.FromSeconds(1))));
    }

    private static TokenBucketRateLimiterOptions Bucket(int tokens, TimeSpan period) => new()
    {
        TokenLimit = tokens,
        TokensPerPeriod = tokens,
        ReplenishmentPeriod = period,
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    };

    /// <summary>Groups and channels have negative ids or an @username; private chats positive ids.</summary>
    private static bool IsGroup(string chat) => chat.StartsWith('-') || chat.StartsWith('@');

    public async Task WaitAsync(string chat, CancellationToken ct)
    {
        using var perChat = await _perChat.AcquireAsync(chat, 1, ct);
        using var global = await _global.AcquireAsync(1, ct);
    }

    public void Dispose()
    {
        _global.Dispose();
        _perChat.Dispose();
    }
}
