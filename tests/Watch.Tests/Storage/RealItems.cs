using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using Watch.Cli;
using Watch.Domain;
using Watch.Relevance;
using Watch.Summaries;
using Watch.Tests.Parsing.AssembleeNationale;
using Watch.Versions;

namespace Watch.Tests.Storage;

/// <summary>
/// Versions and events built the way the pipeline builds them, from real recorded amendments, classified and
/// summarised by the shipped watchlist and summariser, so stores are tested on what they really receive.
/// </summary>
internal static class RealItems
{
    /// <summary>n° 85 (Mme Regol): ban on facial recognition in transport; relevant (biometrie).</summary>
    public const string FacialRecognitionBan = "AMANR5L17PO838901BTC0636P0D1N000085";
    /// <summary>CL48: amends art. 10 of loi 2023-380 (VSA experiment); relevant.</summary>
    public const string VsaRepeal = "AMANR5L17PO59051B0134P0D1N000048";
    /// <summary>n° 346: no algorithmic processing on prison drones; relevant.</summary>
    public const string PrisonDrones = "AMANR5L17PO838901BTC1043P0D1N000346";
    /// <summary>II-3199 (PLF 2025), « En traitement »: not decided yet.</summary>
    public const string Pending = "AMANR5L17PO838901B0324P2D1N003199";
    /// <summary>CL1 on online child abuse: a negative control.</summary>
    public const string Irrelevant = "AMANR5L17PO59051B0369P0D1N000001";

    private static readonly RelevanceClassifier Classifier = CreateClassifier();
    private static readonly EventSummarizer Summarizer = new();

    private static RelevanceClassifier CreateClassifier()
    {
        var configuration = new ConfigurationManager();
        configuration.AddWatchConfiguration([]);
        return new RelevanceClassifier(Options.Create(configuration.GetSection(WatchlistOptions.Section).Get<WatchlistOptions>()!));
    }

    public static Amendment Amendment(string uid) => AmendmentParserTests.Load(uid);

    public static ItemVersion Version(string uid) => Version(Amendment(uid));

    public static ItemVersion Version(WatchItem item)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(item, item.GetType());
        return new ItemVersion(item, Sha256(payload), Sha256(Encoding.UTF8.GetBytes(item.Substance)), payload, Classifier.Classify(item));
    }

    public static NewEvent Event(ItemVersion version, EventKind kind = EventKind.Created, string? previousStatus = null) =>
        new(version.Item.Id, version.Item.Kind, kind, version.Relevance.Topics, version.Item.TrackingKeys.ToList(), version.Relevance.Explain(),
            previousStatus, Summarizer.Summarize(version.Item, kind, previousStatus, version.Relevance));

    /// <summary>The same amendment before its fate was decided: « A discuter », no sort.</summary>
    public static Amendment Undecided(Amendment a) => a with { State = "A discuter", SubState = null, Sort = null, DecisionDate = null };

    private static string Sha256(byte[] bytes) => Convert.ToHexString(SHA256.HashData(bytes));
}
