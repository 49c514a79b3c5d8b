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
