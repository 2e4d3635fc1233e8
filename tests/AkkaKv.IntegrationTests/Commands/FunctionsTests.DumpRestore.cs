using System.Buffers.Binary;
using System.Text;
using AkkaKv.IntegrationTests.Infrastructure;
using AkkaKv.Protocol;
using AkkaKv.Storage;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>
/// FUNCTION FLUSH, STATS, DUMP and RESTORE, each on a node of its own (they see or change every library). Payloads are
/// Redis's: the fixed ones below were dumped by redis-server 7.0.15, and this server's dumps restore there.
/// </summary>
public sealed partial class FunctionsTests
{
    /// <summary>redis-server 7.0.15 with rdbcompression off: FUNCTION DUMP of library "exact" alone.</summary>
    private const string ExactDump =
        "f5404e23216c7561206e616d653d65786163740a72656469732e72656769737465725f66756e6374696f6e282765786163745f6f6e65272c2066756e" +
        "6374696f6e28292072657475726e203120656e64290a0080c3b56f93d56179";

    private const string ExactCode = "#!lua name=exact\nredis.register_function('exact_one', function() return 1 end)";

    /// <summary>
    /// redis-server 7.0.15 (rdbcompression on): libraries "plain" (plain_echo) and "packed" (packed_get, no-writes,
    /// "reads a key"; packed_set, "writes a key"), both LZF-compressed.
    /// </summary>
    private const string CompressedDump =
        "f5c34058405f1f23216c7561206e616d653d706c61696e0a72656469732e72656769737465725f0966756e6374696f6e2827601e075f" +
        "6563686f272c20e00016116b6579732c2061726773292072657475726e600c075b315d20656e6429f5c340c141521f23216c7561206e" +
        "616d653d7061636b65640a72656469732e7265676973746572095f66756e6374696f6e7bc008005f602c0027802d0b5f676574272c20" +
        "63616c6c62203e003dc0240c286b657973292072657475726e2006405240240128278030401e1f5b315d2920656e642c20666c616773" +
        "3d7b276e6f2d777269746573277d2c206405657363726970407b083d2772656164732061403701277de026a20073e012a2042c206172" +
        "67e00da88036a0a88027e001b1e0049c80b3809d01277d0a00acb3b66710bbe568";

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>A payload as FUNCTION DUMP builds it: the records, the RDB version and the CRC64, both little-endian.</summary>
    private static byte[] Payload(byte[] records, ushort version = 10)
    {
        var body = new byte[records.Length + 2];
        records.CopyTo(body, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(body.AsSpan(records.Length), version);
        var crc = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(crc, Crc64.Compute(body));
        return [.. body, .. crc];
    }

    /// <summary>One FUNCTION2 record holding <paramref name="code"/> as a plain RDB string (shorter than 16 KiB).</summary>
    private static byte[] Record(string code, byte opcode = 245)
    {
        var bytes = B(code);
        byte[] length = bytes.Length < 64 ? [(byte)bytes.Length] : [(byte)(0x40 | (bytes.Length >> 8)), (byte)bytes.Length];
        return [opcode, .. length, .. bytes];
    }

    private static RespValue Restore(RespClient client, byte[] payload, string? policy = null) =>
        policy is null ? client.Execute(B("FUNCTION"), B("RESTORE"), payload) : client.Execute(B("FUNCTION"), B("RESTORE"), payload, B(policy));

    [Fact]
    public async Task Flush_drops_every_library_on_every_shard()
    {
        await using var node = ServerFixture.Start();
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        client.Execute("FUNCTION", "LOAD", Library("flushed", "redis.register_function('flushed_f', function() return 1 end)"));
        AssertInteger(1, client.Execute("FCALL", "flushed_f", "0"));
        AssertOk(client.Execute("FUNCTION", "FLUSH"));
        AssertError("ERR Function not found", client.Execute("FCALL", "flushed_f", "0"));
        Assert.Empty(client.Execute("FUNCTION", "LIST").Items!);
        // A library loaded after the flush runs in the fresh interpreters.
        client.Execute("FUNCTION", "LOAD", Library("flushed", "redis.register_function('flushed_f', function() return 2 end)"));
        AssertInteger(2, client.Execute("FCALL", "flushed_f", "0"));
        AssertOk(client.Execute("FUNCTION", "FLUSH", "async"));
        AssertOk(client.Execute("FUNCTION", "FLUSH", "SYNC"));
        AssertError("ERR FUNCTION FLUSH only supports SYNC|ASYNC option", client.Execute("FUNCTION", "FLUSH", "foo"));
        AssertError("ERR unknown subcommand or wrong number of arguments for 'flush'. Try FUNCTION HELP.", client.Execute("FUNCTION", "flush", "sync", "x"));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Stats_counts_libraries_and_functions(int protocol)
    {
        await using var node = ServerFixture.Start();
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        client.Execute("FUNCTION", "LOAD", Library("one", "redis.register_function('one_a', function() end) redis.register_function('one_b', function() end)"));
        client.Execute("FUNCTION", "LOAD", Library("two", "redis.register_function('two_a', function() end)"));
        var expected = protocol == 3
            ? "%2\r\n$14\r\nrunning_script\r\n_\r\n$7\r\nengines\r\n%1\r\n$3\r\nLUA\r\n%2\r\n$15\r\nlibraries_count\r\n:2\r\n$15\r\nfunctions_count\r\n:3\r\n"
            : "*4\r\n$14\r\nrunning_script\r\n$-1\r\n$7\r\nengines\r\n*2\r\n$3\r\nLUA\r\n*4\r\n$15\r\nlibraries_count\r\n:2\r\n$15\r\nfunctions_count\r\n:3\r\n";
        using var socket = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        socket.Connect("127.0.0.1", node.EndPoint.Port);
        if (protocol == 3) SwitchToResp3(socket);
        Assert.Equal(expected, ServerFixture.Exchange(socket, Command("FUNCTION", "STATS"), expected.Length));
    }

    [Fact]
    public async Task Dump_is_byte_for_byte_what_redis_dumps_and_restores_with_every_policy()
    {
        await using var node = ServerFixture.Start();
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        client.Execute("FUNCTION", "LOAD", ExactCode);
        var dump = client.Execute("FUNCTION", "DUMP").Bytes!;
        Assert.Equal(ExactDump, Convert.ToHexStringLower(dump));

        AssertError("ERR Library exact already exists", Restore(client, dump));
        AssertError("ERR Library exact already exists", Restore(client, dump, "APPEND"));
        AssertOk(Restore(client, dump, "REPLACE"));
        AssertOk(client.Execute("FUNCTION", "FLUSH"));
        AssertOk(Restore(client, dump));
        AssertInteger(1, client.Execute("FCALL", "exact_one", "0"));
        // FLUSH replaces every library: one loaded meanwhile is gone.
        client.Execute("FUNCTION", "LOAD", Library("other", "redis.register_function('other_f', function() return 2 end)"));
        AssertOk(Restore(client, dump, "flush"));
        AssertError("ERR Function not found", client.Execute("FCALL", "other_f", "0"));
        AssertTexts(["exact"], client.Execute("FUNCTION", "LIST").Items!.Select(l => l.Items![1].Text));
        AssertError("ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.", Restore(client, dump, "MERGE"));
        AssertError("ERR unknown subcommand or wrong number of arguments for 'RESTORE'. Try FUNCTION HELP.",
            client.Execute(B("FUNCTION"), B("RESTORE"), dump, B("FLUSH"), B("x")));
        // An empty set dumps as the footer alone, which restores to nothing (FLUSH: to no library at all).
        var empty = Payload([]);
        AssertOk(Restore(client, empty));
        AssertInteger(1, client.Execute("FCALL", "exact_one", "0"));
        AssertOk(Restore(client, empty, "FLUSH"));
        Assert.Equal(Convert.ToHexStringLower(empty), Convert.ToHexStringLower(client.Execute("FUNCTION", "DUMP").Bytes!));
    }

    [Fact]
    public async Task A_payload_redis_compressed_restores_with_descriptions_and_flags()
    {
        await using var node = ServerFixture.Start();
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        AssertOk(Restore(client, Convert.FromHexString(CompressedDump)));
        AssertBulk("echoed", client.Execute("FCALL", "plain_echo", "0", "echoed"));
        AssertOk(client.Execute("FCALL", "packed_set", "1", "k", "v"));
        AssertBulk("v", client.Execute("FCALL_RO", "packed_get", "1", "k"));
        var packed = client.Execute("FUNCTION", "LIST", "LIBRARYNAME", "packed", "WITHCODE").Items![0].Items!;
        var functions = packed[5].Items!.ToDictionary(f => f.Items![1].Text!, f => f.Items!);
        Assert.Equal("reads a key", functions["packed_get"][3].Text);
        AssertTexts(["no-writes"], functions["packed_get"][5]);
        Assert.Equal("writes a key", functions["packed_set"][3].Text);
        Assert.StartsWith("#!lua name=packed\nredis.register_function{function_name='packed_get'", packed[7].Text, StringComparison.Ordinal);
        // Dumped again uncompressed, it restores to the same libraries.
        var again = client.Execute("FUNCTION", "DUMP").Bytes!;
        AssertOk(Restore(client, again, "FLUSH"));
        AssertBulk("echoed", client.Execute("FCALL", "plain_echo", "0", "echoed"));
    }

    [Fact]
    public async Task Restore_refuses_bad_payloads_and_clashes_changing_nothing()
    {
        await using var node = ServerFixture.Start();
        using var client = ServerFixture.Connect(node.EndPoint.Port);
        client.Execute("FUNCTION", "LOAD", Library("kept", "redis.register_function('kept_f', function() return 'kept' end)"));
        var good = Payload(Record(Library("fresh", "redis.register_function('fresh_f', function() return 1 end)")));
        var corrupted = (byte[])good.Clone();
        corrupted[^1] ^= 1;
        AssertError("ERR DUMP payload version or checksum are wrong", Restore(client, corrupted));
        AssertError("ERR DUMP payload version or checksum are wrong", Restore(client, Payload(Record(ExactCode), version: 12)));
        AssertError("ERR DUMP payload version or checksum are wrong", Restore(client, B("123456789")));
        AssertOk(Restore(client, Payload(Record(ExactCode), version: 11)));
        AssertError("ERR Pre-GA function format not supported", Restore(client, Payload(Record(ExactCode, opcode: 246))));
        AssertError("ERR given type is not a function", Restore(client, Payload(Record(ExactCode, opcode: 0))));
        AssertError("ERR failed loading the given functions payload", Restore(client, Payload([245, 0x80, 0, 0, 1, 0])));
        // An LZF string claiming to expand 4 bytes into 2 GB is refused before anything is allocated.
        AssertError("ERR failed loading the given functions payload",
            Restore(client, Payload([245, 0xc3, 4, 0x80, 0x7f, 0xff, 0xff, 0xff, 0, 0x61, 0x61, 0x61])));
        AssertError("ERR Missing library metadata", Restore(client, Payload([245, 0xc0, 5])));
        AssertError("ERR Library 'twice' already exists",
            Restore(client, Payload([.. Record(Library("twice", "redis.register_function('t1', function() end)")), .. Record(Library("twice", "redis.register_function('t2', function() end)"))])));
        AssertError("ERR Function kept_f already exists", Restore(client, Payload(Record(Library("thief", "redis.register_function('kept_f', function() end)")))));
        AssertError("ERR Function kept_f already exists", Restore(client, Payload(Record(Library("thief", "redis.register_function('kept_f', function() end)"))), "REPLACE"));
        AssertError("ERR Error compiling function: user_function:2: unexpected symbol near '+'", Restore(client, Payload(Record(Library("bad", "return +")))));
        // Of a payload with a good and a bad library, neither is restored.
        AssertError("ERR No functions registered", Restore(client, Payload([.. Record(Library("good", "redis.register_function('good_f', function() end)")), .. Record(Library("empty", "local x"))])));
        AssertError("ERR Function not found", client.Execute("FCALL", "good_f", "0"));
        AssertBulk("kept", client.Execute("FCALL", "kept_f", "0"));
        AssertOk(Restore(client, good));
        AssertInteger(1, client.Execute("FCALL", "fresh_f", "0"));
    }
}
