using AkkaKv.Protocol;

namespace AkkaKv.IntegrationTests.Commands;

/// <summary>SPOP and SRANDMEMBER: Redis's code paths per encoding, distributions (bounded), errors, the journal.</summary>
public sealed partial class SetCommandsTests
{
    private static readonly string[] Names =
    [
        "MARY", "PATRICIA", "LINDA", "BARBARA", "ELIZABETH", "JENNIFER", "MARIA", "SUSAN", "MARGARET", "DOROTHY", "LISA",
        "NANCY", "KAREN", "BETTY", "HELEN", "SANDRA", "DONNA", "CAROL", "RUTH", "SHARON", "MICHELLE", "LAURA", "SARAH",
        "KIMBERLY", "DEBORAH", "JESSICA", "SHIRLEY", "CYNTHIA", "ANGELA", "MELISSA", "BRENDA", "AMY", "ANNA", "REBECCA",
        "VIRGINIA", "KATHLEEN",
    ];

    private static readonly string[] Numbers =
        ["1", "5", "10", "50", "125", "50000", "33959417", "4775547", "65434162", "12098459", "427716", "483706", "2726473884", "72615637475"];

    [Theory]
    [InlineData(2, "listpack")]
    [InlineData(3, "listpack")]
    [InlineData(2, "intset")]
    [InlineData(3, "intset")]
    public void Spop_and_srandmember_basics(int protocol, string encoding)
    {
        using var client = Connect(protocol);
        string[] contents = encoding == "listpack" ? ["a", "b", "c"] : ["1", "2", "3"];
        var key = NewKey();
        client.Execute(["SADD", key, .. contents]);
        AssertEncoding(client, key, encoding);
        var popped = Enumerable.Range(0, 3).Select(_ => client.Execute("SPOP", key).Text!).Order(StringComparer.Ordinal);
        Assert.Equal(contents, popped);
        AssertInteger(0, client.Execute("SCARD", key));
        AssertInteger(0, client.Execute("EXISTS", key));

        client.Execute(["SADD", key, .. contents]);
        var poppedOne = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var reply = client.Execute("SPOP", key, "1");
            AssertSetType(protocol, reply);
            poppedOne.AddRange(Texts(reply)!);
        }
        Assert.Equal(contents, poppedOne.Order(StringComparer.Ordinal));
        AssertInteger(0, client.Execute("EXISTS", key));

        client.Execute(["SADD", key, .. contents]);
        var seen = new HashSet<string>();
        for (var i = 0; i < 100 && seen.Count < 3; i++) seen.Add(client.Execute("SRANDMEMBER", key).Text!);
        Assert.Equal(contents, seen.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(2, "listpack")]
    [InlineData(3, "intset")]
    [InlineData(2, "hashtable")]
    public void Spop_with_counts_empties_the_set_exactly(int protocol, string encoding)
    {
        using var client = Connect(protocol);
        var letters = Enumerable.Range(0, 25).Select(i => ((char)('b' + i)).ToString()).ToArray();
        string[] contents = encoding switch
        {
            "listpack" => ["a", .. letters],
            "intset" => Enumerable.Range(1, 26).Select(i => i.ToString()).ToArray(),
            _ => ["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", .. letters],
        };
        var key = NewKey();
        WithConfig([("set-max-listpack-value", "32")], () =>
        {
            client.Execute(["SADD", key, .. contents]);
            AssertEncoding(client, key, encoding);
            var popped = new List<string>();
            foreach (var count in new[] { "11", "9", "0", "4", "1", "0", "1", "0" }) popped.AddRange(Texts(client.Execute("SPOP", key, count))!);
            Assert.Equal(contents.Order(StringComparer.Ordinal), popped.Order(StringComparer.Ordinal));
            AssertInteger(0, client.Execute("SCARD", key));
        });
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Spop_counts_as_in_knuth_and_floyd_test(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute(["SADD", key, .. Enumerable.Range(1, 20).Select(i => i.ToString())]);
        AssertEncoding(client, key, "intset");
        foreach (var (count, left) in new[] { (1, 19), (2, 17), (3, 14), (10, 4), (10, 0), (1, 0) })
        {
            client.Execute("SPOP", key, count.ToString());
            AssertInteger(left, client.Execute("SCARD", key));
        }
        Assert.Empty(Texts(client.Execute("SPOP", NewKey("nonexisting"), "100")));
    }

    [Theory]
    [InlineData(2, "intset")]
    [InlineData(3, "intset")]
    [InlineData(2, "listpack")]
    [InlineData(3, "listpack")]
    [InlineData(2, "hashtable")]
    public void Spop_code_paths(int protocol, string encoding)
    {
        using var client = Connect(protocol);
        var content = Enumerable.Range(1, 20).Select(i => i.ToString()).ToArray();
        if (encoding == "listpack") content[0] = "a";
        var limits = encoding == "hashtable" ? new[] { ("set-max-intset-entries", "10"), ("set-max-listpack-entries", "10") } : [];
        WithConfig(limits, () =>
        {
            var key = NewKey();
            client.Execute(["SADD", key, .. content]);
            AssertEncoding(client, key, encoding);
            var all = Texts(client.Execute("SPOP", key, "30"));
            Assert.Equal(content.Order(StringComparer.Ordinal), all.Order(StringComparer.Ordinal));
            AssertInteger(0, client.Execute("EXISTS", key));

            foreach (var (count, left) in new[] { (2, 18), (18, 2) })
            {
                client.Execute(["SADD", key, .. content]);
                var popped = Texts(client.Execute("SPOP", key, count.ToString()));
                Assert.Equal(count, popped.Length);
                AssertInteger(left, client.Execute("SCARD", key));
                var union = popped.Concat(Texts(client.Execute("SMEMBERS", key)));
                Assert.Equal(content.Order(StringComparer.Ordinal), union.Order(StringComparer.Ordinal));
                client.Execute("DEL", key);
            }
        });
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Spop_count_errors_and_empty_replies(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("SADD", key, "a", "b");
        AssertError("ERR value is out of range, must be positive", client.Execute("SPOP", key, "-1"));
        AssertError("ERR value is out of range, must be positive", client.Execute("SPOP", key, "abc"));
        Assert.Empty(Texts(client.Execute("SPOP", key, "0")));
        AssertInteger(2, client.Execute("SCARD", key));
        var text = NewKey("string");
        client.Execute("SET", text, "x");
        AssertError(WrongType, client.Execute("SPOP", text, "0"));
    }

    [Fact]
    public void Spop_and_srandmember_empty_reply_bytes()
    {
        var missing = NewKey();
        AssertRawReply("~0\r\n", Command("SPOP", missing, "3"), protocol: 3);
        AssertRawReply("*0\r\n", Command("SPOP", missing, "3"));
        AssertRawReply("_\r\n", Command("SPOP", missing), protocol: 3);
        AssertRawReply("$-1\r\n", Command("SPOP", missing));
        AssertRawReply("*0\r\n", Command("SRANDMEMBER", missing, "100"), protocol: 3);
        var key = NewKey();
        AssertRawReply(":1\r\n*0\r\n", Command("SADD", key, "a") + Command("SRANDMEMBER", key, "0"), protocol: 3);
        AssertRawReply("*0\r\n", Command("SRANDMEMBER", key, "0"));
        AssertRawReply("~1\r\n$1\r\na\r\n", Command("SPOP", key, "5"), protocol: 3);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Srandmember_count_range(int protocol)
    {
        using var client = Connect(protocol);
        var key = NewKey();
        client.Execute("SADD", key, "a");
        AssertError("ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807",
            client.Execute("SRANDMEMBER", key, "-9223372036854775808"));
        AssertErrorStartsWith("ERR value is out of range", client.Execute("SRANDMEMBER", key, "-9223372036854775807"));
        AssertError("ERR value is not an integer or out of range", client.Execute("SRANDMEMBER", key, "1.5"));
        Assert.Single(Texts(client.Execute("SRANDMEMBER", key, "9223372036854775807")));
        Assert.Equal(3, Texts(client.Execute("SRANDMEMBER", key, "-3")).Length);
        Assert.Equal(RespType.Array, client.Execute("SRANDMEMBER", key, "2").Type);
    }

    [Theory]
    [InlineData(2, "listpack")]
    [InlineData(3, "intset")]
    [InlineData(2, "hashtable")]
    [InlineData(3, "hashtable")]
    public void Srandmember_with_count_covers_redis_code_paths(int protocol, string encoding)
    {
        using var client = Connect(protocol);
        string[] contents = encoding switch
        {
            "listpack" => [.. Numbers, .. Names],
            "intset" => Enumerable.Range(0, 50).Select(i => i.ToString()).ToArray(),
            _ => ["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", .. Numbers, .. Names[..^1]],
        };
        contents = contents[..50];
        WithConfig([("set-max-listpack-value", "32")], () =>
        {
            var key = NewKey();
            client.Execute(["SADD", key, .. contents]);
            AssertEncoding(client, key, encoding);
            var all = contents.ToHashSet();

            // Path 1: a negative count repeats members; all come up eventually.
            var repeated = Texts(client.Execute("SRANDMEMBER", key, "-100"));
            Assert.Equal(100, repeated.Length);
            Assert.All(repeated, m => Assert.Contains(m!, all));
            Assert.True(EventuallyAll(client, key, "-10", all));

            // Path 2: a count reaching the size gives the whole set.
            foreach (var size in new[] { "50", "100" }) Assert.Equal(all.Order(StringComparer.Ordinal), Sorted(client.Execute("SRANDMEMBER", key, size)));

            // Paths 3 and 4: distinct members, almost all or few of them.
            foreach (var size in new[] { 45, 5 })
            {
                var picked = Texts(client.Execute("SRANDMEMBER", key, size.ToString()));
                Assert.Equal(size, picked.Distinct().Count());
                Assert.All(picked, m => Assert.Contains(m!, all));
                Assert.True(EventuallyAll(client, key, size.ToString(), all));
            }
        });
    }

    [Theory]
    [InlineData(2, "listpack")]
    [InlineData(3, "intset")]
    [InlineData(2, "hashtable")]
    public void Srandmember_distribution_passes_a_chi_square_test(int protocol, string encoding)
    {
        using var client = Connect(protocol);
        string[] contents = encoding switch
        {
            "listpack" => ["1", "5", "10", "50", "125", "MARY", "PATRICIA", "LINDA", "BARBARA", "ELIZABETH"],
            "intset" => Enumerable.Range(0, 10).Select(i => i.ToString()).ToArray(),
            _ => ["ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789", "1", "5", "10", "50", "125", "MARY", "PATRICIA", "LINDA", "BARBARA"],
        };
        WithConfig([("set-max-listpack-value", "32")], () =>
        {
            var key = NewKey();
            client.Execute(["SADD", key, .. contents]);
            AssertEncoding(client, key, encoding);
            // df = 9: 40 is exceeded with probability 0.00001.
            Assert.True(ChiSquare(Texts(client.Execute("SRANDMEMBER", key, "-1000"))) < 40);
            foreach (var size in new[] { 8, 2 })
            {
                var picks = new List<string?>();
                for (var i = 0; i < 1000 / size; i++) picks.AddRange(Texts(client.Execute("SRANDMEMBER", key, size.ToString())));
                Assert.True(ChiSquare(picks.ToArray()) < 40);
            }
        });
    }

    private static bool EventuallyAll(RespClient client, string key, string count, HashSet<string> all)
    {
        var seen = new HashSet<string>();
        for (var i = 0; i < 1000; i++)
        {
            seen.UnionWith(Texts(client.Execute("SRANDMEMBER", key, count)).Select(m => m!));
            if (seen.SetEquals(all)) return true;
        }
        return false;
    }

    /// <summary>Pearson's chi-square of the counts of each distinct value against a uniform expectation.</summary>
    private static double ChiSquare(string?[] values)
    {
        var counts = values.GroupBy(v => v).Select(g => (double)g.Count()).ToArray();
        var expected = values.Length / (double)counts.Length;
        return counts.Sum(c => (c - expected) * (c - expected) / expected);
    }
}
