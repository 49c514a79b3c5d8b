namespace Watch.Delivery.Mastodon;

public sealed class MastodonOptions
{
    public const string Section = "Channels:Mastodon";

    /// <summary>The account's instance, e.g. https://mastodon.social/ (plain http only for a loopback test server: the token must not travel in clear).</summary>
    public Uri? InstanceUrl { get; set; }

    /// <summary>
    /// An access token with the <c>write:statuses</c> scope, from the environment
    /// (<c>Channels__Mastodon__AccessToken</c>) or user secrets, never from a committed file. Never logged.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>public, unlisted, private or direct.</summary>
    public string Visibility { get; set; } = "public";

    /// <summary>ISO 639 code sent with each status, so that readers' language filters work.</summary>
    public string Language { get; set; } = "fr";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsConfigured => InstanceUrl is not null && !string.IsNullOrWhiteSpace(AccessToken);
}
