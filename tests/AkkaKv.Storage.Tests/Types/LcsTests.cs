using System.Text;

namespace AkkaKv.Storage.Tests.Types;

public class LcsTests
{
    [Fact]
    public void Lcs_of_the_documented_example()
    {
        var result = StringValue.Lcs("ohmytext"u8, "mynewtext"u8);

        Assert.Equal("mytext", Encoding.ASCII.GetString(result.Sequence));
        Assert.Equal(6, result.Length);
        Assert.Equal(6, StringValue.LcsLength("ohmytext"u8, "mynewtext"u8));
    }

    [Fact]
    public void Idx_lists_matches_from_the_end_backwards()
    {
        // LCS key1 key2 IDX WITHMATCHLEN: [[4,7],[5,8],4], [[2,3],[0,1],2].
        var result = StringValue.Lcs("ohmytext"u8, "mynewtext"u8);

        Assert.Equal([new LcsMatch(4, 7, 5, 8), new LcsMatch(2, 3, 0, 1)], result.Matches);
        Assert.Equal([4L, 2L], result.Matches.Select(m => m.Length));
    }

    [Fact]
    public void Lcs_with_empty_or_disjoint_strings_is_empty()
    {
        Assert.Empty(StringValue.Lcs(""u8, "abc"u8).Sequence);
        Assert.Empty(StringValue.Lcs("abc"u8, ""u8).Matches);
        Assert.Empty(StringValue.Lcs("abc"u8, "xyz"u8).Sequence);
        Assert.Equal(0, StringValue.LcsLength("abc"u8, "xyz"u8));
    }

    [Fact]
    public void Lcs_of_equal_strings_is_one_match()
    {
        var result = StringValue.Lcs("hello"u8, "hello"u8);

        Assert.Equal("hello", Encoding.ASCII.GetString(result.Sequence));
        Assert.Equal([new LcsMatch(0, 4, 0, 4)], result.Matches);
    }

    [Fact]
    public void The_table_size_tells_when_redis_would_refuse()
    {
        Assert.Equal(4, StringValue.LcsTableBytes(0, 0));
        Assert.Equal(2L * 3 * 4, StringValue.LcsTableBytes(1, 2));
        Assert.True(StringValue.LcsTableBytes(20_000, 20_000) > StringValue.MaxStringLength);
    }

    [Fact]
    public void Length_only_agrees_with_the_full_computation()
    {
        var random = new Random(21);
        for (var i = 0; i < 500; i++)
        {
            var a = RandomText(random, random.Next(0, 60));
            var b = RandomText(random, random.Next(0, 60));
            Assert.Equal(StringValue.Lcs(a, b).Length, StringValue.LcsLength(a, b));
        }
    }

    [Fact]
    public void Agrees_with_lcs_on_redis_7_0_15()
    {
        foreach (var line in RecordedRedis.Lines("Types/Data/lcs-idx-redis-7.0.15.jsonl"))
        {
            var a = Encoding.ASCII.GetBytes(line.GetProperty("a").GetString()!);
            var b = Encoding.ASCII.GetBytes(line.GetProperty("b").GetString()!);
            var expectedMatches = line.GetProperty("m").EnumerateArray()
                .Select(m => m.EnumerateArray().Select(v => v.GetInt64()).ToArray())
                .Select(m => new LcsMatch(m[0], m[1], m[2], m[3]))
                .ToList();

            var result = StringValue.Lcs(a, b);

            Assert.Equal(line.GetProperty("seq").GetString(), Encoding.ASCII.GetString(result.Sequence));
            Assert.Equal(line.GetProperty("len").GetInt64(), StringValue.LcsLength(a, b));
            Assert.Equal(expectedMatches, result.Matches);
        }
    }

    private static byte[] RandomText(Random random, int length)
    {
        var text = new byte[length];
        for (var i = 0; i < length; i++)
        {
            text[i] = (byte)('a' + random.Next(4));
        }

        return text;
    }
}
