using System.Text;
using Microsoft.Extensions.Options;
using Watch.Versions;

namespace Watch.Delivery;

public sealed class FileChannelOptions
{
    public const string Section = "Channels:File";

    /// <summary>Where the messages that would have been sent are appended.</summary>
    public string Path { get; set; } = "data/outbox.txt";

    /// <summary>Also print each message on the console.</summary>
    public bool Echo { get; set; } = true;
}

/// <summary>
/// The channel used when no token is configured: it writes what would have been sent, so the demo and
/// a fresh install show their output without any account.
/// </summary>
public sealed class FileChannel(IOptions<FileChannelOptions> options, TextWriter console) : IDeliveryChannel
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public string Name => "file";

    public Task<IReadOnlyList<string>> RecipientsAsync(WatchEvent watchEvent, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<string>>([options.Value.Path]);

    public async Task<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken ct)
    {
        var text = $"--- événement {message.EventId} ---\n{message.Summary.PlainText}\n\n";
        await Gate.WaitAsync(ct);
        try
        {
            var path = options.Value.Path;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            await File.AppendAllTextAsync(path, text, Encoding.UTF8, ct);
            if (options.Value.Echo) await console.WriteAsync(text);
        }
        finally
        {
            Gate.Release();
        }
        return new DeliveryResult.Sent(null);
    }
}
