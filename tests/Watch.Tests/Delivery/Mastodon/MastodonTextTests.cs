using Watch.Delivery.Mastodon;

namespace Watch.Tests.Delivery.Mastodon;

public sealed class MastodonTextTests
{
    private static readonly InstanceLimits Limits = new(500, 23);

    [Fact]
    public void Counts_every_link_as_the_reserved_length_and_emoji_as_one_character()
    {
        const string longLink = "https://www.assemblee-nationale.fr/dyn/17/amendements/AMANR5L17PO838901BTC0636P0D1N000085";

        Assert.Equal(23, MastodonText.Length(longLink, Limits));
        Assert.Equal(23, MastodonText.Length("http://a.fr", Limits));
        Assert.Equal("Voir ".Length + 23 + 1, MastodonText.Length($"Voir {longLink}.", Limits));
        Assert.Equal(3, MastodonText.Length("🔴 x", Limits));
        Assert.Equal(1, MastodonText.Length("e\u0301", Limits)); // e + combining acute: one grapheme
    }

    /// <summary>
    /// An instance that does not publish <c>characters_reserved_per_url</c> (Pleroma and its forks publish only
    /// <c>max_toot_chars</c>, and count a link's characters): a link counts at its length, and at least Mastodon's 23.
    /// </summary>
    [Fact]
    public void Without_a_published_reservation_a_link_counts_at_its_length_and_at_least_23()
    {
        const string longLink = "https://www.assemblee-nationale.fr/dyn/17/amendements/AMANR5L17PO838901BTC0636P0D1N000085";
        var unsaid = new InstanceLimits(500, null);

        Assert.Equal(longLink.Length, MastodonText.Length(longLink, unsaid));
        Assert.Equal(23, MastodonText.Length("http://a.fr", unsaid));
        Assert.Equal("Voir ".Length + longLink.Length + 1, MastodonText.Length($"Voir {longLink}.", unsaid));
    }

    /// <summary>
    /// What a v1-only instance says of itself, read by the client: its <c>max_toot_chars</c>, and no reservation per link.
    /// (A stub handler answers for the instance: the description's two shapes are what is under test, not HTTP.)
    /// </summary>
    [Theory]
    [InlineData("""{"max_toot_chars":500}""", 500, null)]
    [InlineData("""{"configuration":{"statuses":{"max_characters":500,"characters_reserved_per_url":23}}}""", 500, 23)]
    public async Task The_client_reads_a_reservation_per_link_only_where_the_instance_publishes_one(string v1, int max, int? perUrl)
    {
        using var http = new HttpClient(new V1Only(v1));
        var options = Microsoft.Extensions.Options.Options.Create(new MastodonOptions { InstanceUrl = new Uri("https://pleroma.example/"), AccessToken = "t" });

        Assert.Equal(new InstanceLimits(max, perUrl), await new MastodonClient(http, options).GetLimitsAsync(CancellationToken.None));
    }

    private sealed class V1Only(string description) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct) =>
            Task.FromResult(request.RequestUri!.AbsolutePath == "/api/v1/instance"
                ? new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StringContent(description, System.Text.Encoding.UTF8, "application/json") }
                : new HttpResponseMessage(System.Net.HttpStatusCode.NotFound));
    }

    [Fact]
    public void A_text_that_fits_is_left_whole()
    {
        var parts = MastodonText.SplitThread("Titre\nhttps://exemple.fr/a", "https://exemple.fr/a", Limits);

        Assert.Equal(["Titre\nhttps://exemple.fr/a"], parts);
    }

    [Fact]
    public void A_single_line_too_long_is_cut_at_spaces_and_the_split_is_stable()
    {
        var words = string.Join(' ', Enumerable.Range(1, 300).Select(i => $"mot{i}"));
        var text = words + "\nhttps://exemple.fr/lien";
        var limits = new InstanceLimits(120, 23);

        var parts = MastodonText.SplitThread(text, "https://exemple.fr/lien", limits);

        Assert.True(parts.Count > 10); // two-digit numbering was reserved
        Assert.All(parts, p => Assert.True(MastodonText.Length(p, limits) <= 120, p));
        Assert.Contains("https://exemple.fr/lien", parts[0]);
        Assert.EndsWith($"({parts.Count}/{parts.Count})", parts[^1]);
        Assert.Equal(parts, MastodonText.SplitThread(text, "https://exemple.fr/lien", limits));
        var rebuilt = string.Join(' ', parts.Select(p => p[..p.LastIndexOf('\n')].Replace("\nhttps://exemple.fr/lien", "")));
        Assert.Equal(words, rebuilt);
    }
}
