namespace AkkaKv.Storage;

/// <summary>One shard's partition of every database. Only the owning shard thread touches it.</summary>
public sealed class Keyspace
{
    private readonly Database[] _databases;

    // Where the next active expiry cycle starts, so a cycle cut short by its budget does not starve the
    // higher databases (Redis keeps current_db for the same reason).
    private int _nextExpiryDatabase;

    public Keyspace(int databases)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(databases);
        _databases = new Database[databases];
        for (var i = 0; i < databases; i++)
        {
            _databases[i] = new Database(i);
        }
    }

    public int DatabaseCount => _databases.Length;

    public Database this[int index] => _databases[index];

    /// <summary>Sets <see cref="Database.KeyExpired"/> on every database.</summary>
    public Action<Database, KeyEntry>? KeyExpired
    {
        set
        {
            foreach (var database in _databases)
            {
                database.KeyExpired = value;
            }
        }
    }

    /// <summary>Sets <see cref="Database.KeepsExpiredKeys"/> on every database.</summary>
    public Func<bool>? KeepsExpiredKeys
    {
        set
        {
            foreach (var database in _databases)
            {
                database.KeepsExpiredKeys = value;
            }
        }
    }

    /// <summary>Sets <see cref="Database.KeyUnlinked"/> on every database.</summary>
    public Action<Database, KeyEntry>? KeyUnlinked
    {
        set
        {
            foreach (var database in _databases)
            {
                database.KeyUnlinked = value;
            }
        }
    }

    /// <summary>Sets <see cref="Database.MembersExpired"/> on every database.</summary>
    public Action<Database, KeyEntry, IReadOnlyList<byte[]>>? MembersExpired
    {
        set
        {
            foreach (var database in _databases)
            {
                database.MembersExpired = value;
            }
        }
    }

    /// <summary>SWAPDB: the contents change places; afterwards <c>this[a].Index == a</c> still holds.</summary>
    public void SwapDatabases(int a, int b)
    {
        (_databases[a], _databases[b]) = (_databases[b], _databases[a]);
        _databases[a].Index = a;
        _databases[b].Index = b;
    }

    public void FlushAll()
    {
        foreach (var database in _databases)
        {
            database.Clear();
        }
    }

    /// <summary>Runs <see cref="Database.ActiveExpireCycle"/> over the databases within one shared time budget.</summary>
    public ActiveExpireResult ActiveExpireCycle(long nowMs, TimeSpan timeBudget)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var total = default(ActiveExpireResult);
        for (var visited = 0; visited < _databases.Length; visited++)
        {
            var remaining = timeBudget - System.Diagnostics.Stopwatch.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                return total with { TimedOut = true };
            }

            var database = _databases[_nextExpiryDatabase];
            var result = database.ActiveExpireCycle(nowMs, remaining);
            total += result;
            if (result.TimedOut)
            {
                return total;
            }

            _nextExpiryDatabase = (_nextExpiryDatabase + 1) % _databases.Length;
        }

        return total;
    }
}
