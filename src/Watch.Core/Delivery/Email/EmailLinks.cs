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

    public EmailLinks(string? publicBaseUrl)
    {
        if (string.IsNullOrWhiteSpace(publicBaseUrl) || !Uri.TryCreate(publicBaseUrl.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https"))
            throw new InvalidOperationException(
                $"{EmailOptions.Section}:PublicBaseUrl must be the absolute http(s) address of the subscription pages, got '{publicBaseUrl}'.");
        // Without the trailing slash, new Uri(base, "abonnement") would replace the last segment of the path.
        Base = uri.AbsoluteUri.EndsWith('/') ? uri : new Uri(uri.AbsoluteUri + "/");
    }

    public Uri Base { get; }

    public Uri Subscribe => new(Base, SubscribePath);

    public Uri Confirm(string token) => new(Base, $"{ConfirmPath}?token={Uri.EscapeDataString(token)}");

    public Uri Unsubscribe(string token) => new(Base, $"{UnsubscribePath}?token={Uri.EscapeDataString(token)}");
}
