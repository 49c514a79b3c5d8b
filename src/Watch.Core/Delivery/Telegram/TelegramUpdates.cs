using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;
using Watch.Summaries;

namespace Watch.Delivery.Telegram;

/// <summary>
/// Long polling of getUpdates in <c>watch serve</c>: each private message is handed to
/// <see cref="TelegramCommands"/> and the answer sent back (within the same rate limits as alerts).
/// The offset is advanced past each update once it is handled, answered or not: an answer Telegram refuses (too
/// long, a user who blocked the bot) is logged, and must not stop the updates behind it nor be sent again.
/// </summary>
public sealed class TelegramUpdates(ITelegramBotClient bot, TelegramCommands commands, TelegramLimits limits, TimeProvider clock, ILogger<TelegramUpdates> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var (offset, failures) = (0, 0);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                offset = await PollOnceAsync(offset, PollSeconds, ct);
                failures = 0;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (RequestException e)
            {
                failures++;
                // Doubling: a bot token revoked on a Friday night must not make Telegram hear from it every 5 s all weekend.
                var wait = TimeSpan.FromSeconds(Math.Min(5 * Math.Pow(2, failures - 1), MaxWait.TotalSeconds));
                // Every poll fails the same way until the operator changes the token: once is enough to say it.
                if (e is ApiRequestException refused && TelegramChannel.TokenRefused(refused))
                {
                    if (failures == 1) log.LogError("Telegram getUpdates: the bot token was refused ({Message}); commands go unanswered until it is fixed", e.Message);
                }
                else log.LogWarning("Telegram getUpdates failed ({Message}); retrying in {Wait}", e.Message, wait);
                await Task.Delay(wait, clock, ct);
            }
        }
    }

    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    /// <summary>How long Telegram holds a poll open: within the HTTP client's timeout (30 s), or every idle poll would fail.</summary>
    private const int PollSeconds = 20;

    /// <summary>One getUpdates call: answers every private message received and returns the next offset.</summary>
    public async Task<int> PollOnceAsync(int offset, int timeoutSeconds, CancellationToken ct)
    {
        var updates = await bot.GetUpdates(offset, timeout: timeoutSeconds, allowedUpdates: [UpdateType.Message], cancellationToken: ct);
        foreach (var update in updates)
        {
            if (update.Message is { Text: { } text, Chat: { Type: ChatType.Private } chat })
                await AnswerAsync(update.Id, chat.Id, text, ct);
            offset = update.Id + 1;
        }
        return offset;
    }

    /// <summary>The command's answer, in parts when long (/liste of many followed articles), as alerts are sent.</summary>
    private async Task AnswerAsync(int updateId, long chat, string text, CancellationToken ct)
    {
        string answer;
        try
        {
            answer = await commands.HandleAsync(chat, text, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The subscriber store unreachable (a database restarting): the user is told, and neither the
            // updates behind nor the rest of watch serve stop.
            log.LogError(e, "Could not handle update {UpdateId}; the user is asked to try again", updateId);
            answer = "⚠️ Votre commande n'a pas pu être traitée. Réessayez dans quelques minutes.";
        }
        try
        {
            foreach (var part in TelegramText.Split(answer, TelegramHtml.MaxLength))
                await TelegramChannel.SendPartAsync(bot, limits, chat.ToString(System.Globalization.CultureInfo.InvariantCulture), part, ct);
        }
        catch (RequestException e)
        {
            log.LogWarning("Telegram refused the answer to update {UpdateId} ({Message}); going on", updateId, e.Message);
        }
    }
}
