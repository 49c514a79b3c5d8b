namespace Watch.Summaries;

/// <summary>
/// One event told in French, in the forms the channels need: Telegram HTML (escaped, ≤ 4096 characters),
/// plain text (Mastodon, email text part) and the one official link.
/// </summary>
public sealed record Summary(string Headline, string Html, string PlainText, string Url);
