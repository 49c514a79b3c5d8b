namespace Watch.Parsing;

/// <summary>
/// A file or payload that is not what it claims to be. The message names the input (file name or URL)
/// and what was wrong, so the CLI and the job logs can show it as is, without a stack trace.
/// </summary>
public sealed class ParseException(string input, string problem, Exception? inner = null)
    : Exception($"{input}: {problem}", inner)
{
    public string Input { get; } = input;
    public string Problem { get; } = problem;
}
