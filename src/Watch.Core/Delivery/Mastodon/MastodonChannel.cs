using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Watch.Versions;

namespace Watch.Delivery.Mastodon;

/// <summary>
/// Posts each event's plain-text summary on one Mastodon account, as a thread when it is longer than the
/// instance allows. The id of each part posted is saved on the outbox row at once, so a send retried after
/// a failure or a crash carries the thread on from the last part out, however late; and every part carries
/// an Idempotency-Key derived from the outbox key, its index and its text, for the instant between the instance
/// accepting a part and its id being saved (instances remember a key for about an hour). When the status a part
/// replies to has been deleted, the remaining parts start a new thread.
/// </summary>
public sealed class MastodonChannel(MastodonClient client, IOutbox outbox, IOptions<MastodonOptions> options, ILogger<MastodonChannel> log)
    : IDeliveryChannel
{
    public string Name => "mastodon";

    /// <summary>The one configured account, named by its instance (e.g. « mastodon.social »); none when not configured.</summary>
    public Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(options.Value.IsConfigured ? [Account()] : []);

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (!options.Value.IsConfigured)
            return new DeliveryResult.ChannelUnavailable($"not configured: {MastodonOptions.Section} has no InstanceUrl or AccessToken in this process");
        // Rows fanned out for a previously configured account must not land on another one.
        if (!string.Equals(message.Recipient, Account(), StringComparison.OrdinalIgnoreCase))
            return new DeliveryResult.RecipientGone($"Mastodon account '{message.Recipient}' is no longer configured (now '{Account()}')");

        InstanceLimits limits;
        try
        {
            limits = await client.GetLimitsAsync(ct);
        }
        // In limited-federation mode even the instance description wants a valid token.
        catch (MastodonApiException e) when (e.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            return new DeliveryResult.ChannelUnavailable($"instance limits refused to the token: {e.Message}");
        }
        catch (MastodonApiException e)
        {
            return new DeliveryResult.Retry($"instance limits unavailable: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            return new DeliveryResult.Retry($"instance limits unavailable: {e.Message}");
        }

        var parts = MastodonText.SplitThread(message.Summary.PlainText, message.Summary.Url, limits);
        var posted = message.PartsSent();
        for (var i = posted.Count; i < parts.Count; i++)
        {
            var where = parts.Count > 1 ? $" (part {i + 1}/{parts.Count})" : "";
            var key = PartKey(message.IdempotencyKey, i, parts[i]);
            var replyTo = posted.LastOrDefault();
            var result = await client.PostStatusAsync(parts[i], replyTo, key, ct);
            // The part before was deleted (by a moderator, say): the rest of the message is still news, and a 404 would
            // drop it. The instance refuses such a reply before it reads the key, so the same key still guards the part.
            if (result is PostResult.Rejected { StatusCode: 404 } && replyTo is not null)
            {
                log.LogWarning("Mastodon thread of event {EventId} on {Account}: status {StatusId}, which part {Part}/{Parts} replies to, is gone (deleted?); the remaining parts are posted as a new thread",
                    message.EventId, message.Recipient, replyTo, i + 1, parts.Count);
                result = await client.PostStatusAsync(parts[i], null, key, ct);
            }
            switch (result)
            {
                case PostResult.Posted status:
                    posted.Add(status.Id);
                    if (i + 1 < parts.Count) await outbox.SavePartsSentAsync(message.OutboxId, posted, CancellationToken.None);
                    break;
                case PostResult.Retryable r:
                    return new DeliveryResult.Retry(r.Reason + where, r.After);
                // A refused token or account is Watch's own configuration, the same for every message: the channel waits until it is fixed.
                case PostResult.Rejected { StatusCode: 401 or 403 } r:
                    return new DeliveryResult.ChannelUnavailable(r.Reason + where);
                case PostResult.Rejected { StatusCode: 422 } r:
                    return new DeliveryResult.Refused(r.Reason + where);
                case PostResult.Rejected r:
                    return new DeliveryResult.RecipientGone(r.Reason + where);
            }
        }
        return new DeliveryResult.Sent(posted[0]);
    }

    /// <summary>
    /// Stable for (outbox row, part): the server answers the status it already has for a known key, so
    /// a retry skips the parts already out and the thread stays chained to the same statuses. The text's hash is
    /// in it because event ids start again at 1 in every database (a demo, a staging copy, a rebuilt store): without
    /// it, another message under the same event id within the hour would be answered with the first one's status
    /// and never posted.
    /// </summary>
    public static string PartKey(string messageKey, int index, string text) =>
        $"{messageKey}:{index}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16]}";

    private string Account()
    {
        var url = options.Value.InstanceUrl!;
        return url.IsDefaultPort ? url.Host : url.Authority;
    }
}
