namespace Watch.Delivery.Email;

/// <summary>
/// The public links of the subscription pages, under the configured base URL. The pages are mapped on the
/// same relative paths, so a base URL with a path (« https://example.org/veille/ ») works behind a proxy.
/// </summary>
public sealed class EmailLinks
{
    public const string SubscribePath = "abonnement";
    public const string ConfirmPath = "confirmation";
    public const string UnsubscribePath = "desabonnement";

    /// <summary>What a base URL must be. Over plain http, anyone on the way would read the links' secret tokens.</summary>
    public const string Requirement =
        $"{EmailOptions.Section}:PublicBaseUrl must be the absolute https address of the subscription pages (http only on a loopback address): "
        + "the links carry each subscriber's secret token.";

    public EmailLinks(string? publicBaseUrl)
    {
        Base = Parse(publicBaseUrl) ?? throw new InvalidOperationException($"{Requirement} Got '{publicBaseUrl}'.");
    }

    /// <summary>True when <paramref name="publicBaseUrl"/> meets <see cref="Requirement"/>.</summary>
    public static bool IsValid(string? publicBaseUrl) => Parse(publicBaseUrl) is not null;

    private static Uri? Parse(string? publicBaseUrl)
    {
        if (string.IsNullOrWhiteSpace(publicBaseUrl) || !Uri.TryCreate(publicBaseUrl.Trim(), UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
            return null;
        // Without the trailing slash, new Uri(base, "abonnement") would replace the last segment of the path.
        return uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    public Uri Base { get; }

    public Uri Subscribe => new(Base, SubscribePath);

    public Uri Confirm(string token) => new(Base, $"{ConfirmPath}?token={Uri.EscapeDataString(token)}");

    public Uri Unsubscribe(string token) => new(Base, $"{UnsubscribePath}?token={Uri.EscapeDataString(token)}");
}
