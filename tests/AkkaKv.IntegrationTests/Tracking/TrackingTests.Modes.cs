using AkkaKv.IntegrationTests.Infrastructure;

namespace AkkaKv.IntegrationTests.Tracking;

// BCAST prefixes, OPTIN / OPTOUT with CLIENT CACHING, and the bounded tracking table.
public sealed partial class TrackingTests
{
    [Fact]
    public void Broadcast_reports_changes_under_each_prefix_in_one_message_per_prefix()
    {
        var stem = NewKey("bcast");
        var (a, b) = (stem + ":a:", stem + ":b:");
        using var listener = Connect(3);
        using var writer = Connect();
        AssertOk(listener.Execute("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", b, "PREFIX", a));
        // No read needed; keys outside the prefixes are not reported; within a prefix the keys come in byte order.
        AssertOk(writer.Execute("MULTI"));
        writer.Execute("SET", b + "2", "x");
        writer.Execute("SET", a + "9", "x");
        writer.Execute("SET", stem + ":c", "x");
        writer.Execute("SET", a + "1", "x");
        Assert.Equal(4, writer.Execute("EXEC").Items!.Count);
        var received = new[] { Next(listener), Next(listener) };
        Assert.Contains(Invalidate(a + "1", a + "9"), received);
        Assert.Contains(Invalidate(b + "2"), received);
        AssertNothingMore(listener);
    }

    [Fact]
    public void Broadcast_with_noloop_leaves_out_the_clients_own_changes()
    {
        var prefix = NewKey("loop") + ":";
        using var listener = Connect(3);
        using var writer = Connect();
        AssertOk(listener.Execute("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", prefix, "NOLOOP"));
        AssertOk(listener.Execute("SET", prefix + "mine", "1"));
        AssertNothingMore(listener);
        AssertOk(writer.Execute("SET", prefix + "theirs", "1"));
        Assert.Equal(Invalidate(prefix + "theirs"), Next(listener));
    }

    [Fact]
    public void An_expired_key_reaches_a_broadcast_noloop_client_even_when_its_own_read_found_it_expired()
    {
        // An expired key was changed by nobody: Redis reports it to NOLOOP clients too.
        var prefix = NewKey("expiring") + ":";
        var key = prefix + "k";
        using var admin = Connect();
        using var listener = Server.RawSocket();
        SwitchToResp3(listener);
        AssertOk(admin.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "0"));
        try
        {
            Assert.Equal("+OK\r\n", ServerFixture.Exchange(listener, Command("CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", prefix, "NOLOOP"), 5));
            Assert.Equal("+OK\r\n", ServerFixture.Exchange(listener, Command("SET", key, "v", "PX", "30"), 5));
            Thread.Sleep(80);
            var expected = $"_\r\n>2\r\n$10\r\ninvalidate\r\n*1\r\n{Bulk(key)}";
            Assert.Equal(expected, ServerFixture.Exchange(listener, Command("GET", key), expected.Length));
        }
        finally
        {
            AssertOk(admin.Execute("DEBUG", "SET-ACTIVE-EXPIRE", "1"));
        }
    }

    [Fact]
    public void Broadcast_without_a_prefix_reports_every_key()
    {
        var key = NewKey();
        using var listener = Connect(3);
        using var writer = Connect();
        AssertOk(listener.Execute("CLIENT", "TRACKING", "ON", "BCAST"));
        AssertOk(writer.Execute("SET", key, "1"));
        Assert.Equal(Invalidate(key), Next(listener));
        AssertOk(listener.Execute("CLIENT", "TRACKING", "OFF"));
        AssertOk(writer.Execute("SET", key, "2"));
        AssertNothingMore(listener);
    }

    [Fact]
    public void Optin_tracks_only_the_command_after_caching_yes()
    {
        var (skipped, cached, after) = (NewKey(), NewKey(), NewKey());
        using var reader = Connect(3);
        using var writer = Connect();
        AssertOk(reader.Execute("CLIENT", "TRACKING", "ON", "OPTIN"));
        reader.Execute("GET", skipped);
        AssertOk(reader.Execute("CLIENT", "CACHING", "YES"));
        reader.Execute("GET", cached);
        reader.Execute("GET", after);
        AssertOk(writer.Execute("MSET", skipped, "1", cached, "1", after, "1"));
        Assert.Equal(Invalidate(cached), Next(reader));
        AssertNothingMore(reader);
    }

    [Fact]
    public void Optout_tracks_everything_but_the_command_after_caching_no()
    {
        var (skipped, tracked) = (NewKey(), NewKey());
        using var reader = Connect(3);
        using var writer = Connect();
        AssertOk(reader.Execute("CLIENT", "TRACKING", "ON", "OPTOUT"));
        AssertOk(reader.Execute("CLIENT", "CACHING", "NO"));
        reader.Execute("GET", skipped);
        reader.Execute("GET", tracked);
        AssertOk(writer.Execute("MSET", skipped, "1", tracked, "1"));
        Assert.Equal(Invalidate(tracked), Next(reader));
        AssertNothingMore(reader);
    }

    [Fact]
    public void Caching_yes_before_multi_covers_the_whole_transaction()
    {
        var (first, second) = (NewKey(), NewKey());
        using var reader = Connect(3);
        using var writer = Connect();
        AssertOk(reader.Execute("CLIENT", "TRACKING", "ON", "OPTIN"));
        AssertOk(reader.Execute("CLIENT", "CACHING", "YES"));
        AssertOk(reader.Execute("MULTI"));
        reader.Execute("GET", first);
        reader.Execute("GET", second);
        reader.Execute("EXEC");
        AssertOk(writer.Execute("MSET", first, "1", second, "1"));
        var received = new[] { Next(reader), Next(reader) };
        Assert.Equal(new[] { Invalidate(first), Invalidate(second) }.Order(), received.Order());
    }

    [Fact]
    public void The_table_is_bounded_by_tracking_table_max_keys_and_forgotten_keys_are_invalidated()
    {
        var keys = Enumerable.Range(0, 3).Select(_ => NewKey()).ToArray();
        using var reader = Connect(3);
        using var admin = Connect();
        // Start from an empty table: entries left by earlier tests' clients count towards the limit too.
        AssertOk(admin.Execute("FLUSHALL"));
        AssertOk(reader.Execute("CLIENT", "TRACKING", "ON"));
        AssertOk(admin.Execute("CONFIG", "SET", "tracking-table-max-keys", "1"));
        string[] forgotten;
        try
        {
            // Each key read beyond the first pushes a key out, and its reader hears of it as of a change, after the reply.
            reader.Execute(["MGET", .. keys]);
            forgotten = [Next(reader), Next(reader)];
            Assert.Equal(1, InfoFields.Integer(admin, "stats", "tracking_total_keys"));
        }
        finally
        {
            AssertOk(admin.Execute("CONFIG", "SET", "tracking-table-max-keys", "1000000"));
        }
        var kept = Assert.Single(keys, k => !forgotten.Contains(Invalidate(k)));
        Assert.Equal(2, forgotten.Distinct().Count());
        AssertOk(admin.Execute("MSET", keys[0], "v", keys[1], "v", keys[2], "v"));
        Assert.Equal(Invalidate(kept), Next(reader));
        AssertNothingMore(reader);
    }
}
