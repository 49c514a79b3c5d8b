using Microsoft.Extensions.Options;
using Watch.Versions;

namespace Watch.Delivery.Mastodon;

/// <summary>
/// Posts each event's plain-text summary on one Mastodon account, as a thread when it is longer than the
/// instance allows. Every part carries an Idempotency-Key derived from the outbox key and its index, so
/// a send retried after a failure or a crash replays the parts already posted instead of posting them again.
/// </summary>
public sealed class MastodonChannel(MastodonClient client, IOptions<MastodonOptions> options) : IDeliveryChannel
{
    public string Name => "mastodon";

    /// <summary>The one configured account, named by its instance (e.g. « mastodon.social »); none when not configured.</summary>
    public Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>(options.Value.IsConfigured ? [Account()] : []);

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        if (!options.Value.IsConfigured)
            return new DeliveryResult.Retry($"{MastodonOptions.Section} has no InstanceUrl or AccessToken in this process");
        // Rows fanned out for a previously configured account must not land on another one.
        if (!string.Equals(message.Recipient, Account(), StringComparison.OrdinalIgnoreCase))
            return new DeliveryResult.RecipientGone($"Mastodon account '{message.Recipient}' is no longer configured (now '{Account()}')");

        InstanceLimits limits;
        try
        {
            limits = await client.GetLimitsAsync(ct);
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
        PostResult.Posted? first = null;
        string? previous = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var where = parts.Count > 1 ? $" (part {i + 1}/{parts.Count})" : "";
            var result = await client.PostStatusAsync(parts[i], previous, PartKey(message.IdempotencyKey, i), ct);
            switch (result)
            {
                case PostResult.Posted posted:
                    first ??= posted;
                    previous = posted.Id;
                    break;
                case PostResult.Retryable r:
                    return new DeliveryResult.Retry(r.Reason + where, r.After);
                case PostResult.Rejected r:
                    return new DeliveryResult.RecipientGone(r.Reason + where);
            }
        }
        return new DeliveryResult.Sent(first!.Id);
    }

    /// <summary>
    /// Stable for (outbox row, part): the server answers the status it already has for a known key, so
    /// a retry skips the parts already out and the thread stays chained to the same statuses.
    /// </summary>
    public static string PartKey(string messageKey, int index) => $"{messageKey}:{index}";

    private string Account()
    {
        var url = options.Value.InstanceUrl!;
        return url.IsDefaultPort ? url.Host : url.Authority;
    }
}
