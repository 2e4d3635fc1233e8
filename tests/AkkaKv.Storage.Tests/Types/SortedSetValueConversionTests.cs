using System.Text;

namespace AkkaKv.Storage.Tests.Types;

/// <summary>The explicit conversion SORT applies to the sorted sets it reads (Redis's zsetConvert to a skiplist).</summary>
public sealed class SortedSetValueConversionTests
{
    [Fact]
    public void A_listpack_sorted_set_becomes_a_skiplist_with_the_same_members_in_order()
    {
        var set = SortedSetValue.Create(3, 1, CollectionLimits.Default);
        set.Add("b"u8, 2, CollectionLimits.Default);
        set.Add("a"u8, 1, CollectionLimits.Default);
        set.Add("c"u8, 2, CollectionLimits.Default);
        Assert.Equal("listpack", Encoding.ASCII.GetString(set.Encoding));

        set.ConvertToSkiplist();

        Assert.Equal("skiplist", Encoding.ASCII.GetString(set.Encoding));
        set.ValidateStructure();
        Assert.Equal(3, set.Count);
        var members = new List<string>();
        foreach (var entry in set.Range(0, 3, reverse: false))
        {
            members.Add($"{Encoding.ASCII.GetString(entry.Member.Span)}={entry.Score}");
        }

        Assert.Equal(["a=1", "b=2", "c=2"], members);
        Assert.True(set.TryGetScore("c"u8, out var score));
        Assert.Equal(2, score);

        // It stays a skiplist however small it gets, as in Redis.
        set.Remove("a"u8);
        set.Add("d"u8, 4, CollectionLimits.Default);
        Assert.Equal("skiplist", Encoding.ASCII.GetString(set.Encoding));
    }

    [Fact]
    public void A_skiplist_is_left_as_it_is()
    {
        var limits = new CollectionLimits { ZSetMaxListpackEntries = 1 };
        var set = SortedSetValue.Create(2, 1, limits);
        set.Add("a"u8, 1, limits);
        set.Add("b"u8, 2, limits);
        Assert.Equal("skiplist", Encoding.ASCII.GetString(set.Encoding));

        set.ConvertToSkiplist();

        Assert.Equal("skiplist", Encoding.ASCII.GetString(set.Encoding));
        set.ValidateStructure();
        Assert.Equal(2, set.Count);
    }
}
