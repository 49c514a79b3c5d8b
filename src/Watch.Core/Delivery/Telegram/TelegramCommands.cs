using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Watch.Domain;
using Watch.Relevance;
using Watch.Summaries;

namespace Watch.Delivery.Telegram;

/// <summary>
/// What the bot answers to people in a private chat. Plain logic over the subscriber store, so it is
/// tested without Telegram; <see cref="TelegramUpdates"/> feeds it and sends the answers.
/// Every answer is Telegram HTML, escaped.
/// </summary>
public sealed partial class TelegramCommands(ISubscriberStore subscribers, IOptions<WatchlistOptions> watchlist)
{
    private const string Channel = TelegramChannel.ChannelName;

    public async Task<string> HandleAsync(long chatId, string text, CancellationToken ct)
    {
        var (command, argument) = Parse(text);
        var address = chatId.ToString();
        switch (command)
        {
            case "/start":
            {
                var s = await subscribers.GetOrCreateAsync(Channel, address, SubscriberState.Active, ct);
                if (s.State != SubscriberState.Active) await subscribers.SetStateAsync(s.Id, SubscriberState.Active, ct);
                return "👋 Bienvenue sur <b>Watch</b>, la veille législative sur la surveillance (VSA, biométrie, drones, renseignement…).\n\n" + Help();
            }
            case "/aide" or "/help":
                return Help();
            case "/themes":
                return "<b>Thèmes disponibles</b>\n" + string.Join("\n", watchlist.Value.Topics.Select(t =>
                    $"• <code>{TelegramHtml.Escape(t.Id)}</code> — {TelegramHtml.Escape(t.Label)}")) + "\n\nExemple : <code>/suivre vsa</code>";
        }

        var subscriber = await subscribers.FindAsync(Channel, address, ct);
        if (subscriber is null) return "Envoyez d'abord /start pour vous abonner.";

        switch (command)
        {
            case "/suivre":
            {
                const string what = "Indiquez un thème (voir /themes), un dossier (DLR5L16N49176, pjl22-220) ou un texte (PIONANR5L17BTC0636).";
                if (argument.Length == 0) return $"Que voulez-vous suivre ? {what} Exemple : <code>/suivre vsa</code>";
                if (Followable(argument) is not { } value) return $"Je ne reconnais pas « {Echo(argument)} ». {what}";
                return await subscribers.FollowAsync(subscriber.Id, value, ct)
                    ? $"✅ Vous suivez désormais <b>{TelegramHtml.Escape(Describe(value))}</b>."
                    : $"Vous suiviez déjà <b>{TelegramHtml.Escape(Describe(value))}</b>.";
            }
            case "/arreter":
            {
                var value = Followable(argument) ?? argument.Trim();
                return await subscribers.UnfollowAsync(subscriber.Id, value, ct)
                    ? $"🛑 Vous ne suivez plus <b>{TelegramHtml.Escape(Describe(value))}</b>."
                    : $"Vous ne suiviez pas « {Echo(value)} ». Voir /liste.";
            }
            case "/liste":
            {
                var list = await subscribers.SubscriptionsAsync(subscriber.Id, ct);
                var paused = subscriber.State == SubscriberState.Paused ? "\n\n⏸ Alertes en pause : /reprendre pour les relancer." : "";
                return list.Count == 0
                    ? "Vous ne suivez rien pour l'instant. Essayez <code>/suivre vsa</code> (voir /themes)." + paused
                    : "<b>Vous suivez :</b>\n" + string.Join("\n", list.Select(s => "• " + TelegramHtml.Escape(Describe(s.Value)))) + paused;
            }
            case "/pause":
                await subscribers.SetStateAsync(subscriber.Id, SubscriberState.Paused, ct);
                return "⏸ Alertes en pause. Vos abonnements sont conservés : /reprendre pour les relancer.";
            case "/reprendre":
                await subscribers.SetStateAsync(subscriber.Id, SubscriberState.Active, ct);
                return "▶️ Alertes relancées.";
            default:
                return (command.StartsWith('/') ? $"Commande inconnue : {Echo(command)}\n\n" : "") + Help();
        }
    }

    private static string Help() =>
        """
        <b>Commandes</b>
        /themes — les thèmes suivis par Watch
        /suivre &lt;thème | dossier | texte&gt; — recevoir les alertes correspondantes
        /arreter &lt;thème | dossier | texte&gt; — ne plus les recevoir
        /liste — ce que vous suivez
        /pause — suspendre les alertes ; /reprendre — les relancer
        /aide — cette aide
        """;

    private static (string Command, string Argument) Parse(string text)
    {
        var trimmed = text.Trim();
        var space = trimmed.IndexOfAny([' ', '\n']);
        var command = space < 0 ? trimmed : trimmed[..space];
        var at = command.IndexOf('@'); // "/suivre@WatchBot" in groups
        if (at > 0) command = command[..at];
        return (command.ToLowerInvariant(), space < 0 ? "" : trimmed[(space + 1)..].Trim());
    }

    /// <summary>What the user typed, quoted back short enough that the answer stays within a message.</summary>
    private static string Echo(string typed)
    {
        const int max = 80;
        if (typed.Length <= max) return TelegramHtml.Escape(typed);
        var cut = char.IsHighSurrogate(typed[max - 1]) ? max - 1 : max;
        return TelegramHtml.Escape(typed[..cut]) + "…";
    }

    /// <summary>A topic id of the watchlist, or an identifier Watch knows how to follow; null otherwise.</summary>
    private string? Followable(string argument)
    {
        var value = argument.Trim();
        if (value.Length == 0) return null;
        if (watchlist.Value.Topics.FirstOrDefault(t => string.Equals(t.Id, value, StringComparison.OrdinalIgnoreCase)) is { } topic) return topic.Id;
        if (!Identifier().IsMatch(value)) return null;
        // As the keys write it, or it would never match: AN and JO identifiers in capitals, Sénat signets in lower case,
        // an article's number normalised (« #1er » is « #1 », « #7 BIS » is « #7 bis »).
        var hash = value.IndexOf('#');
        var id = hash < 0 ? value : value[..hash];
        id = id.Contains('-') ? id.ToLowerInvariant() : id.ToUpperInvariant();
        return hash < 0 ? id : ArticleRef.Key(id, ArticleRef.NormalizeNumber(value[(hash + 1)..]));
    }

    private string Describe(string value) =>
        watchlist.Value.Topics.FirstOrDefault(t => t.Id == value) is { } topic ? $"{topic.Label} ({topic.Id})" : value;

    /// <summary>
    /// AN dossiers and texts (DLR…; PION…, PRJL… as filed « B0134 », the commission's « BTC0636 », adopted « BTA0302 »),
    /// Sénat dossiers (pjl22-220, ppl23-756, ppr18-458: <see cref="SenatDossier.IsSignet"/>) and adopted texts (tas24-021),
    /// JORF texts, optionally "#article"; in any case.
    /// </summary>
    [GeneratedRegex(@"^((DLR5L\d+N\d+)|((PION|PRJL|PNRE|RAPP)AN[RS]5L\d+B(TA|TC)?\d+)|((pjl|ppl|ppr|tas)\d{2}-\d+)|(JORFTEXT\d{12}))(#[\w ]+)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Identifier();
}
