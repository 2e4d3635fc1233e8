using System.Text;

namespace AkkaKv.Storage.Tests.Types;

/// <summary>
/// A list built whole (SORT ... STORE): Redis 7.2 pushes into a quicklist by its node rules (an insertion allowed while
/// the node's bytes + the element + 8 stay within the limit), then makes it a listpack only when one node within
/// list-max-listpack-size resulted - a few elements sooner than RPUSH converts.
/// </summary>
public sealed class ListValueBuildingTests
{
    [Theory]
    [InlineData(681, "listpack", new[] { 681 })]
    [InlineData(682, "quicklist", new[] { 681, 1 })]
    [InlineData(1500, "quicklist", new[] { 681, 681, 138 })]
    public void Ten_byte_elements_fill_8_KB_nodes(int count, string encoding, int[] nodes)
    {
        // 7 header bytes + 12 per element: the 682nd would need 7 + 12 * 681 + 10 + 8 > 8192.
        var list = ListValue.FromElements(Elements(count, i => $"e{i:D9}"), CollectionLimits.Default);

        Assert.Equal(encoding, Encoding.ASCII.GetString(list.Encoding));
        Assert.Equal(nodes, list.NodeShapes().Select(s => s.Count));
        Assert.Equal(count, list.Count);
        Assert.Equal(Elements(count, i => $"e{i:D9}").Select(Encoding.ASCII.GetString), Read(list));
    }

    [Theory]
    [InlineData(4, "listpack")]
    [InlineData(5, "quicklist")]
    public void An_entry_limit_allows_one_full_node(int count, string encoding)
    {
        var list = ListValue.FromElements(Elements(count, i => i.ToString()), new CollectionLimits { ListMaxListpackSize = 4 });

        Assert.Equal(encoding, Encoding.ASCII.GetString(list.Encoding));
        Assert.Equal(Enumerable.Range(0, count).Select(i => i.ToString()), Read(list));
    }

    [Fact]
    public void One_element_over_the_size_limit_stays_a_quicklist_node_of_its_own()
    {
        var list = ListValue.FromElements([new byte[9000]], CollectionLimits.Default);

        Assert.Equal("quicklist", Encoding.ASCII.GetString(list.Encoding));
        Assert.Single(list.NodeShapes());
    }

    [Fact]
    public void The_elements_are_copied_and_the_list_grows_like_any_other()
    {
        var element = Encoding.ASCII.GetBytes("abc");
        var list = ListValue.FromElements([element, [], Encoding.ASCII.GetBytes("12")], CollectionLimits.Default);
        element[0] = (byte)'X';

        Assert.Equal(["abc", "", "12"], Read(list));
        list.PrepareToGrow(1, 1, CollectionLimits.Default);
        list.PushHead("z"u8);
        Assert.Equal(["z", "abc", "", "12"], Read(list));
        Assert.Equal("listpack", Encoding.ASCII.GetString(list.Encoding));
    }

    [Fact]
    public void No_elements_make_an_empty_compact_list()
    {
        var list = ListValue.FromElements([], CollectionLimits.Default);

        Assert.Equal(0, list.Count);
        Assert.True(list.IsCompact);
    }

    private static IEnumerable<byte[]> Elements(int count, Func<int, string> text) =>
        Enumerable.Range(0, count).Select(i => Encoding.ASCII.GetBytes(text(i)));

    private static List<string> Read(ListValue list)
    {
        var texts = new List<string>();
        foreach (var element in list)
        {
            texts.Add(Encoding.ASCII.GetString(element));
        }

        return texts;
    }
}
