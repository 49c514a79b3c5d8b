using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Watch.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL server for tests: initdb in a temp folder, started on a free port of 127.0.0.1
/// (its unix socket stays inside that folder), stopped and deleted on dispose. Uses Debian's binaries
/// (/usr/lib/postgresql/N/bin, package postgresql) or WATCH_PG_BIN. PostgreSQL refuses to run as root,
/// so as root every server command runs as the system user "postgres" through runuser.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string ServiceUser = "postgres";

    private readonly string _binDirectory;
    private readonly string _root;
    private bool _disposed;

    private PostgresServer(string binDirectory, string root, int port)
    {
        _binDirectory = binDirectory;
        _root = root;
        Port = port;
        ConnectionString = ConnectionStringFor("postgres");
    }

    public int Port { get; }

    /// <summary>Npgsql connection string to the "postgres" database as the superuser "postgres" (trust auth, no password).</summary>
    public string ConnectionString { get; }

    /// <summary>The temp folder holding the cluster, its socket and log; deleted on dispose.</summary>
    public string DataDirectoryRoot => _root;

    private string DataDirectory => Path.Combine(_root, "data");
    private string LogFile => Path.Combine(_root, "server.log");

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = database,
        // A pooled connection would outlive this server and fail the next test that reuses the pool.
        Pooling = false,
    }.ConnectionString;

    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBinDirectory();
        var root = await CreateRootAsync();
        var port = FreePort();
        var server = new PostgresServer(bin, root, port);
        // pg_ctl detaches the server: without this, a test run that forgets to dispose would leave it running.
        AppDomain.CurrentDomain.ProcessExit += server.StopOnExit;
        try
        {
            // Durability is useless for a throw-away cluster; skipping fsync makes initdb and tests much faster.
            await server.RunAsync("initdb", "-D", server.DataDirectory, "-U", "postgres", "-A", "trust",
                "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            var options = $"-p {port} -c listen_addresses=127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off -c full_page_writes=off";
            await server.RunAsync("pg_ctl", "-D", server.DataDirectory, "-l", server.LogFile, "-o", options, "-w", "-t", "60", "start");
            return server;
        }
        catch (Exception e)
        {
            var log = File.Exists(server.LogFile) ? await File.ReadAllTextAsync(server.LogFile) : "(no server log)";
            await server.DisposeAsync();
            throw new InvalidOperationException($"PostgreSQL did not start on 127.0.0.1:{port}: {e.Message}\nserver log:\n{log}", e);
        }
    }

    /// <summary>Creates an empty database and returns its connection string, so tests sharing one server stay isolated.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"")}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionStringFor(name);
    }

    private static string FindBinDirectory()
    {
        var overridden = Environment.GetEnvironmentVariable("WATCH_PG_BIN");
        if (!string.IsNullOrEmpty(overridden))
            return overridden;
        const string debianRoot = "/usr/lib/postgresql";
        var candidates = Directory.Exists(debianRoot)
            ? Directory.GetDirectories(debianRoot)
                .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : -1))
                .Where(c => File.Exists(Path.Combine(c.Dir, "initdb")))
                .OrderByDescending(c => c.Version)
                .ToList()
            : [];
        return candidates.Count > 0
            ? candidates[0].Dir
            : throw new InvalidOperationException(
                $"No PostgreSQL server binaries (initdb) under {debianRoot}/*/bin: run `apt-get install -y postgresql`, or set WATCH_PG_BIN.");
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static async Task<string> CreateRootAsync()
    {
        if (!IsRoot)
            return Directory.CreateTempSubdirectory("watch-pg-").FullName;
        // The folder must belong to the user that runs the server, and .NET has no chown: let that user create it,
        // in /tmp because root's TMPDIR may be closed to that user.
        var output = await RunProcessAsync("runuser", ["-u", ServiceUser, "--", "mktemp", "-d", "-p", "/tmp", "watch-pg-XXXXXX"]);
        return output.Trim();
    }

    private Task<string> RunAsync(string tool, params string[] arguments)
    {
        var path = Path.Combine(_binDirectory, tool);
        return IsRoot
            ? RunProcessAsync("runuser", ["-u", ServiceUser, "--", path, .. arguments])
            : RunProcessAsync(path, arguments);
    }

    private static async Task<string> RunProcessAsync(string file, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The server inherits the locale; a C.UTF-8 one always exists on Debian.
            Environment = { ["LC_ALL"] = "C.UTF-8" },
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException(
                $"`{file} {string.Join(' ', info.ArgumentList)}` exited with code {process.ExitCode}: {await stderr}{await stdout}");
        return await stdout;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void StopOnExit(object? sender, EventArgs e) => DisposeAsync().AsTask().GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
            return;
        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= StopOnExit;
        try
        {
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
                await RunAsync("pg_ctl", "-D", DataDirectory, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            try { Directory.Delete(_root, recursive: true); }
            catch (IOException) { /* a leftover temp folder must not fail a test */ }
            catch (UnauthorizedAccessException) { }
        }
    }
}
