namespace Watch.Parsing.Texts;

/// <summary>
/// A file that cannot be read as a text version: unknown format, malformed content, forbidden DTD,
/// no article found. The message (in French, shown as is by the CLI) names the file and the reason.
/// </summary>
public sealed class TextFormatException(string fileName, string reason, Exception? inner = null)
    : Exception($"{fileName} : {reason}", inner)
{
    /// <summary>The file name or hint the text was read from.</summary>
    public string FileName { get; } = fileName;

    /// <summary>Why it could not be read.</summary>
    public string Reason { get; } = reason;
}
