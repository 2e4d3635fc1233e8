using System.Security.Cryptography;
using System.Text;

namespace AkkaKv.Storage.Tests.Types;

/// <summary>
/// HyperLogLogs byte for byte as Redis: the expected counts, bytes and SHA-256 digests below were read from a real
/// redis-server 7.0.15 after the same PFADDs (elements "1".."N" added in order unless said otherwise).
/// </summary>
public class HyperLogLogValueTests
{
    private const long Now = 1_700_000_000_000;
    private const int SparseMax = 3000; // CollectionLimits.Default.HllSparseMaxBytes, Redis's default hll-sparse-max-bytes

    private readonly Database _db = new(0);

    // n, PFCOUNT, encoding, length, SHA-256 before and after the PFCOUNT that fills the cache.
    public static TheoryData<int, long, string, int, string, string> RedisFixtures => new()
    {
        { 200, 201, "sparse", 508, "52f5a10f4917197722312cce4c304bf9c5c70abfce6d32446374738ecfc76233", "5c6a9b2c129bd7086f940f1e645dcaa051563e6d50763efba6d2992ae2851957" },
        { 500, 503, "sparse", 1061, "85cb72797c988e30d7188fe7e94df940dd38a22ce5cddd50a6147e821ab1f09d", "6a0c7beae5a0dffd52e65f165ee20ffd4d5a13cfa534971f4d374ee8a68d1ca4" },
        { 1000, 1001, "sparse", 1922, "998c3d36535da261f151fe9394d3518473438c690d0065f4a44c822e830f0b5b", "719dd6d68459551c0ffe9f675882cee133adeaf55feed3f7ef33f0f0df867a33" },
        { 1500, 1512, "sparse", 2766, "1e377b03b95eca150f6d91d90e435771ffb30b37d3be396579e6e350c65f0208", "b1298f820845edcc3f12886064a92e97485de910954ca6eb904a22bca4cd5949" },
        { 2000, 2006, "dense", 12304, "d5ebd73b9afc7a014a6691822d41b453b5eb809ed633c9847ec37e069948e581", "c77e08b36c315227c1875463581e7fbaf6dfbc2a618ad298e15239b61c6b5ad1" },
        { 3000, 3005, "dense", 12304, "e9a90166dde3a2fe8538fd253b043525c7dc6f30ba45c71df7cb1dac142d5b2b", "2b39fbd51782464f4e45d49410413879e327ad82bff9f085096addb6e10d7311" },
        { 5000, 4985, "dense", 12304, "a913723c462526374131383f62bc31b1eb8f3e7ee46bc577b4df5c343ed90686", "8ac9da7e3738a0c460d8d9f3e0d9005e59dde54d38c2ad5e65d24f9520f17fe3" },
        { 10000, 9988, "dense", 12304, "b17c58f113b7d22db449c5c70bc065c860ed4a0acaa7302d06a0599ee77832e7", "38f87d7a6919c0645dd245a9ca47aa3f10174da1f76aa5df4eae6df8028870ee" },
        { 20000, 19891, "dense", 12304, "7962b896c1c4bd960464bcaa92bcee05c2e6f15241891dea6f95b989e65113cb", "1fc50199908c34e342745e5f6e112913556c2b6435fd0f3aea20d5f552b046c8" },
        { 50000, 50353, "dense", 12304, "3f5f01a044c6c83552b4f8eea6d7471a962e9045c3f5eb10be62ae13ba1190bd", "e6e3c6b34ac2895c4b719ce224bfcad05c32cf786ece947eeccf2218e6dc221a" },
        { 100000, 99562, "dense", 12304, "51446f98486f049f78d99420c3ec0874382ce8e68a56592aab96b2156ecb33aa", "c65d9bc48e944a8319c21a54d0311a7f95cf81d44c35395337b09a6382d84c37" },
        { 250000, 252129, "dense", 12304, "d9e797f74b8ec9634b761e676de9a0b094f89eb18b52eea9650688d7053fbced", "9d729502ba3999c4789d57888d4f9cf56454fc6558b9948034c3cea97037b222" },
    };

    // n, PFCOUNT, the bytes before and after that PFCOUNT.
    public static TheoryData<int, long, string, string> SmallRedisFixtures => new()
    {
        { 1, 1, "48594c4c0100000000000000000000805d66806297", "48594c4c0100000001000000000000005d66806297" },
        { 2, 2, "48594c4c0100000000000000000000805d66805ea28c43f3", "48594c4c0100000002000000000000005d66805ea28c43f3" },
        { 3, 3, "48594c4c0100000000000000000000805d66804d7480512c8c43f3", "48594c4c0100000003000000000000005d66804d7480512c8c43f3" },
        { 10, 10, "48594c4c01000000000000000000008041ee844823805351804ce0804092804c3f8042d78042128c40b88015844322", "48594c4c010000000a0000000000000041ee844823805351804ce0804092804c3f8042d78042128c40b88015844322" },
        { 100, 100, Redis100, Redis100.Remove(16, 16).Insert(16, "6400000000000000") },
    };

    /// <summary>PFADD of "1".."100" on Redis: 287 bytes of sparse opcodes.</summary>
    public const string Redis100 =
        "48594c4c01000000000000000000008041768c407684409a9040c9804100801c8c40418840e688405f803f80416880404198407084088041" +
        "20804059842080078040f48042108841368040e2800a8040b08c37883380407680404680408580405f803380404d8840549040da80415b80" +
        "228040e2804058804094803780248041718040658442119440aa8040799040db8040ac904147881a84414280158440bf8440d28c41158440" +
        "81940b8c40b380318c28802d803c80404780446e8040928041e6881588408d80410a8040488440eb803784405a8440a580406d84413e8429" +
        "8040da802480405880068042f4804059801d8840aa8c40ed80404880404a942c80388c308040b28840f28c40b880158418883a8040d99440" +
        "8a80407b8040e8";

    [Theory]
    [MemberData(nameof(SmallRedisFixtures))]
    public void Small_sets_give_redis_bytes_and_counts(int n, long expectedCount, string bytesBefore, string bytesAfter)
    {
        AddRange("h", 1, n);
        Assert.Equal(bytesBefore, Hex("h"));

        Assert.Equal(HyperLogLogStatus.Ok, HyperLogLogValue.Count(_db.Peek("h"u8), out var count, out var cacheUpdated));
        Assert.Equal(expectedCount, count);
        Assert.True(cacheUpdated);
        Assert.Equal(bytesAfter, Hex("h"));
    }

    [Theory]
    [MemberData(nameof(RedisFixtures))]
    public void Larger_sets_give_redis_bytes_and_counts(int n, long expectedCount, string encoding, int length, string shaBefore, string shaAfter)
    {
        AddRange("h", 1, n);
        var before = Value("h");
        Assert.Equal(length, before.Length);
        Assert.Equal(shaBefore, Sha(before));
        Assert.Equal(HyperLogLogStatus.Ok, HyperLogLogValue.EncodingName(_db.Peek("h"u8)!, out var name));
        Assert.Equal(encoding, name);

        Assert.Equal(HyperLogLogStatus.Ok, HyperLogLogValue.Count(_db.Peek("h"u8), out var count, out _));
        Assert.Equal(expectedCount, count);
        Assert.Equal(shaAfter, Sha(Value("h")));
    }

    [Fact]
    public void An_empty_pfadd_creates_redis_empty_hll()
    {
        Assert.Equal(HyperLogLogStatus.Ok, Add("e", out var updated));
        Assert.True(updated);
        Assert.Equal("48594c4c0100000000000000000000807fff", Hex("e"));
        Assert.Equal(HyperLogLogStatus.Ok, Add("e", out updated));
        Assert.False(updated);
    }

    [Fact]
    public void Binary_and_odd_length_elements_hash_as_redis()
    {
        Add("bin", out _, "", "\0", new string('\u00ff', 7), "12345678", "123456789abcdefgh", "foo", "bar", "zap");

        Assert.Equal("48594c4c01000000000000000000008047a5884aa18044e78445809042078443c984448d80423a8856ab", Hex("bin"));
        HyperLogLogValue.Count(_db.Peek("bin"u8), out var count, out _);
        Assert.Equal(8, count);
    }

    [Fact]
    public void A_stale_cache_keeps_its_old_bytes_with_the_invalid_bit()
    {
        AddRange("x", 1, 50, "x");
        HyperLogLogValue.Count(_db.Peek("x"u8), out var first, out _);
        Assert.Equal(50, first);
        Add("x", out _, Enumerable.Range(0, 10).Select(i => $"y{i}").ToArray());

        Assert.Equal(
            "48594c4c010000003200000000000080388040648042ca800694409288420f84404780148042148040fb904088801e80425384407588414384" +
            "410980409d84413090404c8840dd8004840784429180414080413a8040508842988041fe84405984258441088c40c88441199042d18841bd" +
            "8040a9882088405d8041248441628442a998417f8c446d80409f8842088024842d88407b9443318041228c4108842a8442d28040ea844126" +
            "a433843f80338040458809884061",
            Hex("x"));
        HyperLogLogValue.Count(_db.Peek("x"u8), out var second, out _);
        Assert.Equal(60, second);
    }

    [Fact]
    public void The_cached_cardinality_answers_without_recounting()
    {
        AddRange("h", 1, 100);
        HyperLogLogValue.Count(_db.Peek("h"u8), out _, out var first);
        var stored = Value("h");

        Assert.Equal(HyperLogLogStatus.Ok, HyperLogLogValue.Count(_db.Peek("h"u8), out var count, out var second));
        Assert.True(first);
        Assert.False(second);
        Assert.Equal(100, count);
        Assert.Same(stored, Value("h"));
    }

    [Fact]
    public void A_sparse_hll_turns_dense_exactly_when_redis_does()
    {
        // Redis 7.0.15: elements 1..1648 stay sparse at exactly 3000 bytes, 1649 promotes.
        AddRange("p", 1, 1648);
        var last = Value("p");
        Assert.Equal(3000, last.Length);
        Assert.Equal("a968028290d564973386e15fdca01259477754a8322232fd70ab6bc99114a2b1", Sha(last));

        AddRange("p", 1649, 1649);
        Assert.Equal(12304, Value("p").Length);
        HyperLogLogValue.EncodingName(_db.Peek("p"u8)!, out var name);
        Assert.Equal("dense", name);
    }

    [Fact]
    public void A_lower_sparse_limit_promotes_earlier()
    {
        AddRange("p", 1, 100, sparseMax: 200);

        HyperLogLogValue.EncodingName(_db.Peek("p"u8)!, out var name);
        Assert.Equal("dense", name);
        HyperLogLogValue.Count(_db.Peek("p"u8), out var count, out _);
        Assert.Equal(100, count);
    }

    [Fact]
    public void Merging_gives_redis_union_counts_and_bytes()
    {
        AddRange("a", 1, 100, "a");
        AddRange("b", 1, 700, "b");
        AddRange("c", 1, 5000, "c");

        Assert.Equal(809, Union("a", "b"));
        Assert.Equal(5791, Union("a", "b", "c"));

        Merge("m1", "a", "b");
        Assert.Equal(1569, Value("m1").Length);
        Assert.Equal("9cc20c11904cb4250cd5bcf20cf043c011be6c50737898731fb523f5ec8f96fd", Sha(Value("m1")));
        HyperLogLogValue.Count(_db.Peek("m1"u8), out var m1, out _);
        Assert.Equal(809, m1);

        Merge("m2", "a", "c");
        Assert.Equal("f9c7c1ebd78adfd1c81a71e1c22a554a12ae1c39b88383cb71bcb972de8d45f0", Sha(Value("m2")));
        HyperLogLogValue.Count(_db.Peek("m2"u8), out var m2, out _);
        Assert.Equal(5081, m2);

        Merge("m3", "a");
        Assert.Equal(Hex("a"), Hex("m3"));
    }

    [Fact]
    public void Merging_into_an_existing_destination_keeps_its_registers()
    {
        AddRange("d", 1, 50);
        AddRange("s", 51, 100);

        Merge("d", "d", "s");

        HyperLogLogValue.Count(_db.Peek("d"u8), out var count, out _);
        Assert.Equal(100, count);
    }

    [Fact]
    public void An_hll_copied_from_redis_counts_and_grows_like_one_made_here()
    {
        _db.Set("copy"u8, Convert.FromHexString(Redis100));

        Assert.Equal(HyperLogLogStatus.Ok, HyperLogLogValue.Count(_db.Peek("copy"u8), out var count, out _));
        Assert.Equal(100, count);

        AddRange("copy", 101, 200);
        AddRange("made", 1, 200);
        Assert.Equal(Hex("made")[32..], Hex("copy")[32..]);
    }

    [Fact]
    public void Strings_that_are_not_hlls_are_refused()
    {
        _db.Set("plain"u8, "hello"u8.ToArray());
        _db.Set("short-dense"u8, Convert.FromHexString("48594c4c00000000000000000000000000"));
        _db.Set("bad-encoding"u8, Convert.FromHexString("48594c4c0200000000000000000000807fff"));
        _db.Set("list"u8, new FakeCollection(DataType.List));

        Assert.Equal(HyperLogLogStatus.NotHyperLogLog, Add("plain", out _, "a"));
        Assert.Equal(HyperLogLogStatus.NotHyperLogLog, Add("short-dense", out _, "a"));
        Assert.Equal(HyperLogLogStatus.NotHyperLogLog, HyperLogLogValue.Count(_db.Peek("bad-encoding"u8), out _, out _));
        Assert.Equal(HyperLogLogStatus.WrongType, Add("list", out _, "a"));
        Assert.Equal(HyperLogLogStatus.WrongType, HyperLogLogValue.MergeInto(_db.Peek("list"u8), new byte[HyperLogLogValue.RegisterCount], out _));
        Assert.Equal("hello", Encoding.ASCII.GetString(Value("plain")));
    }

    [Fact]
    public void A_sparse_hll_not_covering_every_register_is_corrupted()
    {
        // XZERO of 16383 registers: one short. The cache is invalid so counting must decode it.
        _db.Set("short"u8, Convert.FromHexString("48594c4c0100000000000000000000807ffe"));
        // A VAL run reaching past the last register.
        _db.Set("long"u8, Convert.FromHexString("48594c4c0100000000000000000000807ffe83"));

        Assert.Equal(HyperLogLogStatus.Corrupted, HyperLogLogValue.Count(_db.Peek("short"u8), out _, out _));
        Assert.Equal(HyperLogLogStatus.Corrupted, HyperLogLogValue.MergeInto(_db.Peek("long"u8), new byte[HyperLogLogValue.RegisterCount], out _));
        Assert.Equal(HyperLogLogStatus.Corrupted, HyperLogLogValue.ToDense(_db.Peek("short"u8)!, out _));

        // Every register covered, then one VAL more: redis-server 7.0.15 calls that corrupted too.
        _db.Set("extra"u8, Convert.FromHexString("48594c4c0100000000000000000000807fff80"));
        Assert.Equal(HyperLogLogStatus.Corrupted, HyperLogLogValue.MergeInto(_db.Peek("extra"u8), new byte[HyperLogLogValue.RegisterCount], out _));
        Assert.Equal(HyperLogLogStatus.Corrupted, HyperLogLogValue.ToDense(_db.Peek("extra"u8)!, out _));
        Assert.Equal(HyperLogLogStatus.Corrupted, HyperLogLogValue.Count(_db.Peek("extra"u8), out _, out _));
    }

    [Fact]
    public void Adding_to_a_corrupted_sparse_hll_reports_it()
    {
        _db.Set("short"u8, Convert.FromHexString("48594c4c0100000000000000000000807ffe"));

        // Most elements land in the covered registers; Redis fails on the first that lands past them (16383).
        var status = HyperLogLogStatus.Ok;
        for (var i = 0; i < 200_000 && status == HyperLogLogStatus.Ok; i++)
        {
            status = Add("short", out _, i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        Assert.Equal(HyperLogLogStatus.Corrupted, status);
    }

    [Fact]
    public void Getreg_and_todense_convert_and_decode_reads_the_opcodes()
    {
        AddRange("h", 1, 3);
        Assert.Equal(HyperLogLogStatus.Ok, HyperLogLogValue.DecodeSparse(_db.Peek("h"u8)!, out var decoded));
        Assert.Equal("Z:7527 v:1,1 Z:3445 v:1,1 Z:4397 v:4,1 Z:1012", decoded);

        Assert.Equal(HyperLogLogStatus.Ok, HyperLogLogValue.GetRegisters(_db.Peek("h"u8)!, out var registers, out var converted));
        Assert.True(converted);
        Assert.Equal(HyperLogLogValue.RegisterCount, registers.Length);
        Assert.Equal(1, registers[7527]);
        Assert.Equal(1, registers[10973]);
        Assert.Equal(4, registers[15371]);
        Assert.Equal(6, registers.Sum(r => r));

        Assert.Equal(HyperLogLogStatus.Ok, HyperLogLogValue.ToDense(_db.Peek("h"u8)!, out converted));
        Assert.False(converted);
        Assert.Equal(HyperLogLogStatus.Ok, HyperLogLogValue.DecodeSparse(_db.Peek("h"u8)!, out decoded));
        Assert.Null(decoded);
        HyperLogLogValue.Count(_db.Peek("h"u8), out var count, out _);
        Assert.Equal(3, count);
    }

    [Fact]
    public void Writers_never_mutate_the_stored_array()
    {
        AddRange("h", 1, 10);
        var before = Value("h");
        var copy = before.ToArray();

        AddRange("h", 11, 20);
        HyperLogLogValue.Count(_db.Peek("h"u8), out _, out _);
        HyperLogLogValue.ToDense(_db.Peek("h"u8)!, out _);

        Assert.Equal(copy, before);
        Assert.NotSame(before, Value("h"));
    }

    [Fact]
    public void An_expired_key_is_a_new_hll()
    {
        AddRange("h", 1, 10);
        _db.SetExpire(_db.Peek("h"u8)!, Now - 1);

        Assert.Equal(HyperLogLogStatus.Ok, Add("h", out var updated));
        Assert.True(updated);
        Assert.Equal("48594c4c0100000000000000000000807fff", Hex("h"));
    }

    [Fact]
    public void Self_test_passes()
    {
        Assert.Null(HyperLogLogValue.SelfTest(new Random(7), SparseMax));
    }

    private HyperLogLogStatus Add(string key, out bool updated, params string[] elements)
    {
        var bytes = elements.Select(e => e.Select(ch => (byte)ch).ToArray()).ToArray();
        return HyperLogLogValue.Add(_db, Encoding.ASCII.GetBytes(key), bytes.Length, i => bytes[i], Now, SparseMax, out updated);
    }

    private void AddRange(string key, int from, int to, string prefix = "", int sparseMax = SparseMax)
    {
        var elements = Enumerable.Range(from, to - from + 1).Select(i => Encoding.ASCII.GetBytes(prefix + i)).ToArray();
        var status = HyperLogLogValue.Add(_db, Encoding.ASCII.GetBytes(key), elements.Length, i => elements[i], Now, sparseMax, out _);
        Assert.Equal(HyperLogLogStatus.Ok, status);
    }

    private long Union(params string[] keys)
    {
        var registers = new byte[HyperLogLogValue.RegisterCount];
        foreach (var key in keys)
        {
            Assert.Equal(HyperLogLogStatus.Ok, HyperLogLogValue.MergeInto(_db.Peek(Encoding.ASCII.GetBytes(key)), registers, out _));
        }

        return HyperLogLogValue.CountRegisters(registers);
    }

    private void Merge(string destination, params string[] sources)
    {
        var registers = new byte[HyperLogLogValue.RegisterCount];
        var anyDense = false;
        foreach (var key in sources.Prepend(destination))
        {
            Assert.Equal(HyperLogLogStatus.Ok, HyperLogLogValue.MergeInto(_db.Peek(Encoding.ASCII.GetBytes(key)), registers, out var dense));
            anyDense |= dense;
        }

        Assert.Equal(HyperLogLogStatus.Ok, HyperLogLogValue.StoreMerged(_db, Encoding.ASCII.GetBytes(destination), registers, anyDense, Now, SparseMax));
    }

    private byte[] Value(string key) => (byte[])_db.Peek(Encoding.ASCII.GetBytes(key))!.Value;

    private string Hex(string key) => Convert.ToHexStringLower(Value(key));

    private static string Sha(byte[] value) => Convert.ToHexStringLower(SHA256.HashData(value));
}
