using System.Text;

namespace AkkaKv.Storage.Tests;

public class GlobPatternTests
{
    [Theory]
    // The examples of Redis's KEYS documentation.
    [InlineData("h?llo", "hello", true)]
    [InlineData("h?llo", "hallo", true)]
    [InlineData("h?llo", "hxllo", true)]
    [InlineData("h?llo", "hllo", false)]
    [InlineData("h*llo", "hllo", true)]
    [InlineData("h*llo", "heeeello", true)]
    [InlineData("h[ae]llo", "hello", true)]
    [InlineData("h[ae]llo", "hallo", true)]
    [InlineData("h[ae]llo", "hillo", false)]
    [InlineData("h[^e]llo", "hallo", true)]
    [InlineData("h[^e]llo", "hbllo", true)]
    [InlineData("h[^e]llo", "hello", false)]
    [InlineData("h[a-b]llo", "hallo", true)]
    [InlineData("h[a-b]llo", "hbllo", true)]
    [InlineData("h[a-b]llo", "hcllo", false)]
    // tests/unit/keyspace.tcl: "KEYS with pattern", "KEYS with hashtag".
    [InlineData("foo*", "foo_a", true)]
    [InlineData("foo*", "key_x", false)]
    [InlineData("{a}*", "{a}x", true)]
    [InlineData("{a}*", "{b}a", false)]
    [InlineData("*{b}*", "{b}c", true)]
    [InlineData("*{b}*", "{a}z", false)]
    public void Documented_and_tested_patterns(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Match(pattern, text));
    }

    [Theory]
    [InlineData("*", "anything", true)]
    [InlineData("*", "", false)] // stringmatchlen never matches an empty text with "*" (KEYS * short-circuits instead)
    [InlineData("**", "x", true)]
    [InlineData("", "", true)]
    [InlineData("", "a", false)]
    [InlineData("a*", "a", true)]
    [InlineData("a**", "a", true)]
    [InlineData("*a", "a", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("?", "", false)]
    [InlineData("??", "a", false)]
    public void Stars_and_question_marks(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Match(pattern, text));
    }

    [Theory]
    [InlineData(@"h\*llo", "h*llo", true)]
    [InlineData(@"h\*llo", "hello", false)]
    [InlineData(@"\?", "?", true)]
    [InlineData(@"\?", "a", false)]
    [InlineData(@"a\", @"a\", true)] // a trailing backslash is literal
    [InlineData(@"[\]]", "]", true)]
    [InlineData(@"[\^a]", "^", true)]
    [InlineData(@"[a\-z]", "-", true)]
    [InlineData(@"[a\-z]", "b", false)]
    public void Escapes(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Match(pattern, text));
    }

    [Theory]
    [InlineData("[abc", "a", true)] // unterminated class: still one byte from the list
    [InlineData("[abc", "d", false)]
    [InlineData("[", "x", false)]
    [InlineData("[^", "x", true)]
    [InlineData("[a-]", "_", true)] // ']' is the end of the range a..] (swapped to ]..a)
    [InlineData("[a-]", "-", false)]
    [InlineData("[z-a]", "m", true)] // reversed ranges work
    [InlineData("[]", "]", false)]
    [InlineData("[]]", "]", false)] // "[]" is an empty class, then a literal "]"
    [InlineData("[]]", "]]", false)]
    public void Class_quirks_are_redis_quirks(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, Match(pattern, text));
    }

    [Fact]
    public void Range_bounds_compare_as_signed_chars()
    {
        // [a-\xff]: 0xff is -1 as a signed char, so the range is -1..'a'.
        byte[] pattern = [(byte)'[', (byte)'a', (byte)'-', 0xFF, (byte)']'];

        Assert.True(GlobPattern.IsMatch(pattern, [0xFF]));
        Assert.True(GlobPattern.IsMatch(pattern, "A"u8));
        Assert.False(GlobPattern.IsMatch(pattern, "b"u8));
        Assert.False(GlobPattern.IsMatch(pattern, [0x80]));
    }

    [Fact]
    public void Patterns_and_texts_are_binary()
    {
        Assert.True(GlobPattern.IsMatch([0, (byte)'*', 0], [0, 1, 2, 0]));
        Assert.True(GlobPattern.IsMatch([(byte)'?'], [0]));
        Assert.False(GlobPattern.IsMatch([0], [1]));
    }

    [Theory]
    [InlineData("HELLO", "hello", true)]
    [InlineData("h?LLO", "HeLlo", true)]
    [InlineData("[A-C]x", "bX", true)]
    [InlineData("[a-c]x", "BX", true)]
    [InlineData("[^A]", "a", false)]
    [InlineData(@"[\A]", "a", false)] // an escaped byte in a class is compared exactly
    [InlineData("Ä", "ä", false)] // C locale: ASCII letters only
    public void Ignoring_case(string pattern, string text, bool expected)
    {
        Assert.Equal(expected, GlobPattern.IsMatch(Encoding.UTF8.GetBytes(pattern), Encoding.UTF8.GetBytes(text), ignoreCase: true));
    }

    [Fact]
    public void Case_matters_by_default()
    {
        Assert.False(Match("HELLO", "hello"));
        Assert.False(Match("[A-C]", "b"));
    }

    [Fact]
    public void Regression_for_pattern_matching_long_nested_loops()
    {
        // tests/unit/keyspace.tcl: must answer quickly (no exponential backtracking).
        var text = new string('a', 40);
        var pattern = string.Concat(Enumerable.Repeat("a*", 20)) + "b";

        Assert.False(Match(pattern, text));
    }

    [Fact]
    public void Regression_for_pattern_matching_very_long_nested_loops()
    {
        var text = new string('a', 50_000);
        var pattern = string.Concat(Enumerable.Repeat("*?", 50_000));

        Assert.False(Match(pattern, text));
    }

    [Fact]
    public void At_most_1000_nested_stars_can_match()
    {
        // Measured on Redis 7.0.15: 1000 groups of "*?" match a long key, 1001 do not.
        var text = new string('a', 2_000);

        Assert.True(Match(string.Concat(Enumerable.Repeat("*?", 1_000)), text));
        Assert.False(Match(string.Concat(Enumerable.Repeat("*?", 1_001)), text));
        Assert.True(Match(new string('*', 5_000) + "a", text)); // adjacent stars are one group
    }

    [Theory]
    [InlineData("Data/keys-pattern-redis-7.0.15.jsonl")]
    [InlineData("Data/keys-pattern-dense-redis-7.0.15.jsonl")]
    public void Agrees_with_keys_on_redis_7_0_15(string file)
    {
        var lines = RecordedRedis.Lines(file).ToList();
        var keys = lines[0].GetProperty("keys").EnumerateArray().Select(k => Convert.FromHexString(k.GetString()!)).ToList();
        foreach (var line in lines.Skip(1))
        {
            var pattern = Convert.FromHexString(line.GetProperty("p").GetString()!);
            var expected = line.GetProperty("m").EnumerateArray().Select(k => k.GetString()!).Order().ToList();
            var matchesAll = pattern is [(byte)'*'];
            var actual = keys
                .Where(key => matchesAll || GlobPattern.IsMatch(pattern, key))
                .Select(key => Convert.ToHexString(key).ToLowerInvariant())
                .Order()
                .ToList();
            Assert.True(expected.SequenceEqual(actual), $"pattern {Convert.ToHexString(pattern)}");
        }
    }

    private static bool Match(string pattern, string text) =>
        GlobPattern.IsMatch(Encoding.UTF8.GetBytes(pattern), Encoding.UTF8.GetBytes(text));
}
