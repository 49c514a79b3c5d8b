using System.Collections.Concurrent;

namespace Watch.Scheduling;

/// <summary>
/// Keeps two runs of one job from overlapping (a source's ticks, the delivery, the digest), across the processes
/// that share a store. A lock is freed when its run ends, and also when the process holding it dies: a crash on
/// the day of a vote must not keep the next runs waiting.
/// </summary>
public interface IRunLocks
{
    /// <summary>The lock on <paramref name="name"/>, held until disposed; null when another run still holds it after <paramref name="wait"/>.</summary>
    Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan wait, CancellationToken ct);
}

/// <summary>The locks of one process: the embedded SQLite store is one process's.</summary>
public sealed class ProcessRunLocks : IRunLocks
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    public async Task<IAsyncDisposable?> TryAcquireAsync(string name, TimeSpan wait, CancellationToken ct)
    {
        var gate = _locks.GetOrAdd(name, _ => new SemaphoreSlim(1, 1));
        return await gate.WaitAsync(wait, ct) ? new Held(gate) : null;
    }

    private sealed class Held(SemaphoreSlim gate) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            gate.Release();
            return ValueTask.CompletedTask;
        }
    }
}
