using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace Watch.Tests.Infrastructure;

/// <summary>
/// A node script from tests/emulators run as a child process. The script prints one line
/// <c>READY {json}</c> when it listens, and exits when its stdin closes, so a crashed test run
/// leaves nothing behind.
/// </summary>
internal sealed class NodePeer : IAsyncDisposable
{
    // Generous: a cold node start on a loaded 2-core CI machine takes a few seconds.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly StringBuilder _stderr;

    private NodePeer(Process process, StringBuilder stderr, JsonElement ready)
    {
        _process = process;
        _stderr = stderr;
        Ready = ready;
    }

    /// <summary>The JSON object the script printed after READY (its ports).</summary>
    public JsonElement Ready { get; }

    public static async Task<NodePeer> StartAsync(string script, params string[] arguments)
    {
        var folder = RepoPaths.Emulators;
        var scriptPath = Path.Combine(folder, script);
        if (!File.Exists(scriptPath))
            throw new FileNotFoundException($"Test peer script {scriptPath} is missing.", scriptPath);
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
            throw new InvalidOperationException(
                $"{Path.Combine(folder, "node_modules")} is missing: run `npm ci --prefix tests/emulators` from the repository root before the tests.");

        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(scriptPath);
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"node {script} did not start.");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"Cannot run `node` ({e.Message}): install Node.js 20+, then run `npm ci --prefix tests/emulators`.", e);
        }

        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginErrorReadLine();

        try
        {
            var ready = await ReadReadyLineAsync(process, script, stderr);
            // Keep draining stdout so a chatty script never blocks on a full pipe.
            _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
            return new NodePeer(process, stderr, ready);
        }
        catch
        {
            Kill(process);
            process.Dispose();
            throw;
        }
    }

    private static async Task<JsonElement> ReadReadyLineAsync(Process process, string script, StringBuilder stderr)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
                if (line.StartsWith("READY ", StringComparison.Ordinal))
                    return JsonDocument.Parse(line["READY ".Length..]).RootElement.Clone();
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"node {script} printed no READY line within {StartTimeout.TotalSeconds} s. stderr:\n{Snapshot(stderr)}");
        }
        await process.WaitForExitAsync();
        throw new InvalidOperationException(
            $"node {script} exited with code {process.ExitCode} before it was ready. stderr:\n{Snapshot(stderr)}");
    }

    /// <summary>What the script wrote to stderr so far, for failure messages.</summary>
    public string StandardError => Snapshot(_stderr);

    private static string Snapshot(StringBuilder stderr)
    {
        lock (stderr) return stderr.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            // Closing stdin is the script's signal to stop cleanly.
            _process.StandardInput.Close();
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _process.WaitForExitAsync(grace.Token);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException)
        {
            Kill(_process);
        }
        finally
        {
            _process.Dispose();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}
