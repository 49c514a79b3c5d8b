using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Watch.Delivery;
using Watch.Delivery.Email;

namespace Watch.Cli.Web;

/// <summary>
/// The public pages of the email digest, in French: the subscription form (double opt-in), the confirmation
/// link (a button on GET, confirmed on POST), and unsubscription (a button on GET, the RFC 8058 one-click POST).
/// Small pages with no script; every value written into them is escaped; tokens never leak through the Referer header.
/// </summary>
public static class SubscriptionEndpoints
{
    private const int MaxFormBytes = 16 * 1024;
    private const string FormPolicy = "abonnement";

    /// <summary>The limits of the subscription form (<c>Channels:Email:FormLimits</c>), for <see cref="UseSubscriptionPages"/>.</summary>
    public static IServiceCollection AddSubscriptionPages(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = Email(configuration).FormLimits;
        services.AddRateLimiter(o =>
        {
            // The middleware runs the global limiter before the endpoint's, and a window's permit once taken is not
            // given back: so the per-client limit is the global one (for the form only), and a client refused for
            // its own excess does not use up the permits all clients share.
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
                http.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == FormPolicy
                    ? RateLimitPartition.GetSlidingWindowLimiter(Client(http), _ => Window(limits.PerClient, limits.PerClientWindow))
                    : RateLimitPartition.GetNoLimiter(""));
            o.AddPolicy(FormPolicy, _ => RateLimitPartition.GetSlidingWindowLimiter("", _ => Window(limits.AllClients, limits.AllClientsWindow)));
            // No Retry-After: a sliding window does not know when a permit comes back.
            o.OnRejected = (context, _) => new ValueTask(Page(context.HttpContext, StatusCodes.Status429TooManyRequests, "Trop de demandes",
                    "<p>Le formulaire d'abonnement a reçu trop de demandes ces derniers temps : la vôtre n'a pas été enregistrée "
                    + "et aucun courriel ne partira.</p><p>Vous pourrez <a href=\"abonnement\">recommencer</a> un peu plus tard.</p>")
                .ExecuteAsync(context.HttpContext));
        });
        return services;
    }

    /// <summary>
    /// Serves /abonnement, /confirmation and /desabonnement, behind the limits of <see cref="AddSubscriptionPages"/>;
    /// with trusted proxies, takes the client's address from their <c>X-Forwarded-For</c> first. Needs <c>AddEmailDigest</c>.
    /// </summary>
    public static WebApplication UseSubscriptionPages(this WebApplication app)
    {
        var proxies = Email(app.Configuration).TrustedProxies;
        // With no known proxy the middleware would believe the header from anyone: it only runs with some.
        if (proxies.Count > 0)
        {
            var forwarded = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor };
            forwarded.KnownIPNetworks.Clear();
            forwarded.KnownProxies.Clear();
            foreach (var proxy in proxies)
                forwarded.KnownProxies.Add(IPAddress.TryParse(proxy, out var ip) ? ip
                    : throw new InvalidOperationException($"{EmailOptions.Section}:TrustedProxies must list IP addresses, got '{proxy}'."));
            app.UseForwardedHeaders(forwarded);
        }
        app.UseRateLimiter();
        app.MapSubscriptionPages();
        return app;
    }

    // From the configuration, not IOptions<EmailOptions>: taking its value while the pipeline is built would fix the
    // options before a host post-configures them (the test host sets the public address once Kestrel listens).
    private static EmailOptions Email(IConfiguration configuration) =>
        configuration.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();

    private static SlidingWindowRateLimiterOptions Window(int permits, TimeSpan window) => new()
    {
        PermitLimit = permits,
        Window = window,
        // A window sliding by tenths: a fixed one would let twice the limit through around its edge.
        SegmentsPerWindow = 10,
        QueueLimit = 0,
    };

    /// <summary>Whom the per-client limit counts: an IPv4 address, or an IPv6 /64, which one subscriber line commonly holds whole.</summary>
    private static string Client(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null) return "unknown";
        if (address.IsIPv4MappedToIPv6) return address.MapToIPv4().ToString();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        bytes.AsSpan(8).Clear();
        return new IPAddress(bytes) + "/64";
    }

    private static IEndpointRouteBuilder MapSubscriptionPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/" + EmailLinks.SubscribePath, (HttpContext http, EmailSubscriptions subscriptions, IOptions<EmailOptions> options) =>
            options.Value.IsConfigured
                ? Page(http, StatusCodes.Status200OK, "S'abonner au résumé hebdomadaire", SubscribeForm(subscriptions.Topics, null, null, null))
                : Closed(http));

        app.MapPost("/" + EmailLinks.SubscribePath, async (HttpContext http, EmailSubscriptions subscriptions, IOptions<EmailOptions> options) =>
        {
            if (!options.Value.IsConfigured) return Closed(http);
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxFormBytes;
            if (!http.Request.HasFormContentType)
                return Page(http, StatusCodes.Status415UnsupportedMediaType, "Formulaire illisible",
                    "<p>Envoyez le formulaire depuis <a href=\"abonnement\">la page d'abonnement</a>.</p>");
            IFormCollection form;
            try
            {
                form = await http.Request.ReadFormAsync(http.RequestAborted);
            }
            catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
            {
                return Page(http, StatusCodes.Status400BadRequest, "Formulaire illisible",
                    "<p>Le formulaire envoyé est trop long ou mal formé. <a href=\"abonnement\">Recommencer</a>.</p>");
            }

            var email = form["email"].ToString();
            var topics = form["sujet"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!).ToList();
            var result = subscriptions.Subscribe(email, topics);
            return result.Status switch
            {
                SubscribeStatus.InvalidAddress or SubscribeStatus.InvalidTopics => Page(http, StatusCodes.Status400BadRequest,
                    "S'abonner au résumé hebdomadaire", SubscribeForm(subscriptions.Topics, email, topics, result.Problem)),
                // The same answer whether the address was new, pending or already active: the form must not
                // tell a stranger who is subscribed.
                _ => Page(http, StatusCodes.Status200OK, "Vérifiez votre boîte aux lettres",
                    $"<p>Si l'adresse <strong>{Escape(result.Address ?? "")}</strong> n'est pas déjà abonnée, un courriel de confirmation va lui être envoyé "
                    + "(un au plus par heure).</p><p>Suivez le lien qu'il contient pour confirmer votre abonnement : sans confirmation, vous ne recevrez rien.</p>"
                    + "<p class=\"aide\">Rien reçu au bout d'une heure ? Regardez dans les courriels indésirables, puis <a href=\"abonnement\">recommencez</a>.</p>"),
            };
        }).RequireRateLimiting(FormPolicy);

        app.MapGet("/" + EmailLinks.ConfirmPath, async (HttpContext http, EmailSubscriptions subscriptions) =>
        {
            var token = http.Request.Query["token"].ToString();
            var check = await subscriptions.CheckAsync(token, http.RequestAborted);
            if (check is not { Status: ConfirmStatus.ToConfirm, Subscriber: { } subscriber }) return Confirmation(http, check);
            // A button, not an immediate confirmation: mail scanners follow links, and one that followed this link
            // would confirm an address someone else typed in the form.
            return Page(http, StatusCodes.Status200OK, "Confirmer l'abonnement",
                $"<p>L'adresse <strong>{Escape(subscriber.Address)}</strong> recevra le résumé hebdomadaire de Watch.</p>"
                + $"<form method=\"post\" action=\"{EmailLinks.ConfirmPath}?token={Escape(Uri.EscapeDataString(token))}\">"
                + "<p><button type=\"submit\">Confirmer mon abonnement</button></p></form>");
        });

        app.MapPost("/" + EmailLinks.ConfirmPath, async (HttpContext http, EmailSubscriptions subscriptions) =>
            Confirmation(http, await subscriptions.ConfirmAsync(http.Request.Query["token"].ToString(), http.RequestAborted)));

        app.MapGet("/" + EmailLinks.UnsubscribePath, async (HttpContext http, EmailSubscriptions subscriptions) =>
        {
            var token = http.Request.Query["token"].ToString();
            if (await subscriptions.FindByTokenAsync(token, http.RequestAborted) is not { } subscriber) return UnknownLink(http);
            if (subscriber.State == SubscriberState.Unsubscribed)
                return Page(http, StatusCodes.Status200OK, "Déjà désabonné",
                    $"<p>L'adresse <strong>{Escape(subscriber.Address)}</strong> ne reçoit plus le résumé hebdomadaire.</p>");
            // A button, not an immediate unsubscription: mail scanners follow links, people press buttons.
            return Page(http, StatusCodes.Status200OK, "Se désabonner",
                $"<p>L'adresse <strong>{Escape(subscriber.Address)}</strong> ne recevra plus le résumé hebdomadaire de Watch.</p>"
                + $"<form method=\"post\" action=\"{EmailLinks.UnsubscribePath}?token={Escape(Uri.EscapeDataString(token))}\">"
                + "<input type=\"hidden\" name=\"List-Unsubscribe\" value=\"One-Click\">"
                + "<p><button type=\"submit\">Me désabonner</button></p></form>");
        });

        // RFC 8058: mail clients POST "List-Unsubscribe=One-Click" to the URL of the List-Unsubscribe header;
        // the token in the URL is the whole authorisation, so the body is not required.
        app.MapPost("/" + EmailLinks.UnsubscribePath, async (HttpContext http, EmailSubscriptions subscriptions) =>
        {
            if (await subscriptions.UnsubscribeAsync(http.Request.Query["token"].ToString(), http.RequestAborted) is not { } subscriber)
                return UnknownLink(http);
            return Page(http, StatusCodes.Status200OK, "Désabonnement effectué",
                $"<p>L'adresse <strong>{Escape(subscriber.Address)}</strong> ne recevra plus le résumé hebdomadaire.</p>"
                + "<p>Vous pouvez vous <a href=\"abonnement\">abonner de nouveau</a> à tout moment.</p>");
        });

        return app;
    }

    private static string SubscribeForm(IReadOnlyList<Watch.Relevance.TopicOptions> topics, string? email, IReadOnlyCollection<string>? chosen, string? problem)
    {
        var html = new StringBuilder();
        html.Append("<p>Recevez chaque lundi matin par courriel le résumé de la semaine : amendements, textes, votes et décisions ")
            .Append("sur la vidéosurveillance algorithmique, la biométrie et les autres techniques de surveillance.</p>\n");
        if (problem is not null) html.Append("<p class=\"erreur\" role=\"alert\" id=\"erreur\">").Append(Escape(problem)).Append("</p>\n");
        html.Append("<form method=\"post\" action=\"").Append(EmailLinks.SubscribePath).Append("\">\n")
            .Append("<p><label for=\"email\">Adresse électronique</label>\n")
            .Append("<input type=\"email\" id=\"email\" name=\"email\" required maxlength=\"254\" autocomplete=\"email\" aria-describedby=\"email-aide\"")
            .Append(problem is null ? "" : " aria-invalid=\"true\"")
            .Append(" value=\"").Append(Escape(email ?? "")).Append("\"></p>\n")
            .Append("<p id=\"email-aide\" class=\"aide\">Un courriel de confirmation vous sera envoyé : rien ne part sans votre accord.</p>\n")
            .Append("<fieldset>\n<legend>Sujets suivis</legend>\n");
        foreach (var topic in topics)
        {
            var id = "sujet-" + topic.Id;
            var isChecked = chosen is null || chosen.Contains(topic.Id);
            html.Append("<p class=\"choix\"><input type=\"checkbox\" name=\"sujet\" id=\"").Append(Escape(id)).Append("\" value=\"").Append(Escape(topic.Id)).Append('"')
                .Append(isChecked ? " checked" : "").Append("> <label for=\"").Append(Escape(id)).Append("\">")
                .Append(Escape(topic.Label.Length > 0 ? topic.Label : topic.Id)).Append("</label></p>\n");
        }
        html.Append("</fieldset>\n<p><button type=\"submit\">S'abonner</button></p>\n</form>\n")
            .Append("<p class=\"aide\">Chaque courriel contient un lien pour se désabonner en un clic. L'adresse ne sert qu'à cet envoi.</p>\n");
        return html.ToString();
    }

    private static IResult Confirmation(HttpContext http, ConfirmResult result) => result.Status switch
    {
        ConfirmStatus.Confirmed => Page(http, StatusCodes.Status200OK, "Abonnement confirmé",
            $"<p>L'adresse <strong>{Escape(result.Subscriber!.Address)}</strong> recevra le résumé de la veille chaque semaine.</p>"
            + "<p>Chaque courriel contient un lien pour se désabonner en un clic.</p>"),
        ConfirmStatus.AlreadyActive => Page(http, StatusCodes.Status200OK, "Abonnement déjà confirmé",
            $"<p>L'adresse <strong>{Escape(result.Subscriber!.Address)}</strong> reçoit déjà le résumé hebdomadaire.</p>"),
        ConfirmStatus.NotPending => Page(http, StatusCodes.Status410Gone, "Lien expiré",
            "<p>Ce lien de confirmation n'est plus valable : l'abonnement a été résilié depuis.</p>"
            + "<p>Pour recevoir de nouveau le résumé, <a href=\"abonnement\">abonnez-vous</a>.</p>"),
        _ => UnknownLink(http),
    };

    private static IResult Closed(HttpContext http) => Page(http, StatusCodes.Status503ServiceUnavailable, "Abonnement indisponible",
        "<p>L'abonnement par courriel n'est pas ouvert sur ce serveur pour l'instant.</p>");

    private static IResult UnknownLink(HttpContext http) => Page(http, StatusCodes.Status404NotFound, "Lien inconnu",
        "<p>Ce lien ne correspond à aucun abonnement. Vérifiez qu'il a été copié en entier depuis le courriel.</p>"
        + "<p>Vous pouvez aussi vous <a href=\"abonnement\">abonner</a>.</p>");

    private static IResult Page(HttpContext http, int status, string title, string body)
    {
        var headers = http.Response.Headers;
        // Links carry the subscriber's token: no cache may keep the page, no Referer may carry its URL away.
        headers.CacheControl = "no-store";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
        var html = $$"""
            <!DOCTYPE html>
            <html lang="fr">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer">
            <title>{{Escape(title)}} — Watch, veille surveillance</title>
            <style>
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;font-size:1.05rem;line-height:1.5;color:#1a1a1a;background:#fff;max-width:40rem;margin:0 auto;padding:1rem}
            label{font-weight:600}
            input[type=email]{display:block;font-size:1rem;padding:.4rem;margin-top:.25rem;width:100%;max-width:26rem;border:1px solid #555}
            fieldset{border:1px solid #888;padding:.5rem 1rem}
            .choix label{font-weight:normal}
            .aide{color:#444;font-size:.95rem}
            .erreur{color:#a00000;font-weight:600}
            button{font-size:1rem;padding:.5rem 1.2rem}
            :focus{outline:3px solid #1a5fb4;outline-offset:2px}
            </style>
            </head>
            <body>
            <header><p><strong>Watch</strong> — veille législative sur la surveillance</p></header>
            <main>
            <h1>{{Escape(title)}}</h1>
            {{body}}
            </main>
            </body>
            </html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static string Escape(string value) =>
        value.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;").Replace("\"", "&quot;").Replace("'", "&#39;");
}
