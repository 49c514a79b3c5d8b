using System.Globalization;
using Watch.Versions;

namespace Watch.Sources;

/// <summary>
/// Small per-document state a source keeps between runs ("this index line was read at this date"), stored in
/// the HTTP validators table under a key of its own so that no real URL's validators are touched. A mark is
/// set through <see cref="SourceRun.Complete"/>, so it is written only after the run's items are committed.
/// </summary>
internal static class SourceMarks
{
    public static async Task<string?> GetAsync(IHttpCacheStore store, string scope, string key, CancellationToken ct) =>
        (await store.GetAsync(Key(scope, key), ct))?.LastModified;

    /// <summary>A completion that, once remembered, records <paramref name="value"/> for the key.</summary>
    public static FetchResult Mark(Uri about, string scope, string key, string value) =>
        new FetchResult.Content(about, [], null, new HttpValidators(Key(scope, key), null, value));

    /// <summary>
    /// The day the source began to watch: what was published before it is not news. Null until its first run's
    /// look-back is marked with <see cref="Began"/>.
    /// </summary>
    public static async Task<DateOnly?> BeganAsync(IHttpCacheStore store, string scope, CancellationToken ct) =>
        await GetAsync(store, scope, BeganKey, ct) is { } day
        && DateOnly.TryParseExact(day, DayFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var began) ? began : null;

    public static FetchResult Began(Uri about, string scope, DateOnly day) =>
        Mark(about, scope, BeganKey, day.ToString(DayFormat, CultureInfo.InvariantCulture));

    private const string BeganKey = "began";
    private const string DayFormat = "yyyy-MM-dd";

    private static string Key(string scope, string key) => $"watch-mark:{scope}:{key}";
}
