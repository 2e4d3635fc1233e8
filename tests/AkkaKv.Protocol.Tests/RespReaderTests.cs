using System.Buffers;

namespace AkkaKv.Protocol.Tests;

public class RespReaderTests
{
    [Fact]
    public void Reads_RESP2_types()
    {
        Assert.Equal(RespType.SimpleString, Read("+OK\r\n").Type);
        Assert.Equal("OK", Read("+OK\r\n").Text);
        Assert.Equal("ERR oops", Read("-ERR oops\r\n").Text);
        Assert.Equal(RespType.Error, Read("-ERR oops\r\n").Type);
        Assert.Equal(-42, Read(":-42\r\n").Integer);
        Assert.Equal("hello", Read("$5\r\nhello\r\n").Text);
        Assert.Equal(TestBytes.Of("a\r\n\0"), Read("$4\r\na\r\n\0\r\n").Bytes);
        Assert.Equal("", Read("$0\r\n\r\n").Text);
        Assert.Equal(RespType.Null, Read("$-1\r\n").Type);
        Assert.Equal(RespType.Null, Read("*-1\r\n").Type);
    }

    [Fact]
    public void Reads_arrays_nested()
    {
        RespValue value = Read("*3\r\n:1\r\n*2\r\n+a\r\n$-1\r\n*0\r\n");

        Assert.Equal(RespType.Array, value.Type);
        Assert.Equal("[(integer) 1, [a, (nil)], []]", value.ToString());
    }

    [Fact]
    public void Reads_RESP3_types()
    {
        Assert.Equal(RespType.Null, Read("_\r\n").Type);
        Assert.True(Read("#t\r\n").Boolean);
        Assert.False(Read("#f\r\n").Boolean);
        Assert.Equal(1.5, Read(",1.5\r\n").Double);
        Assert.Equal(1.5e-7, Read(",1.5e-7\r\n").Double);
        Assert.Equal(1e20, Read(",1e+20\r\n").Double);
        Assert.Equal(double.PositiveInfinity, Read(",inf\r\n").Double);
        Assert.Equal(double.NegativeInfinity, Read(",-inf\r\n").Double);
        Assert.True(double.IsNaN(Read(",nan\r\n").Double));
        Assert.Equal("3492890328409238509324850943850943825024385", Read("(3492890328409238509324850943850943825024385\r\n").Text);
        Assert.Equal(RespType.BigNumber, Read("(1\r\n").Type);
    }

    [Fact]
    public void Reads_a_blob_error()
    {
        RespValue value = Read("!21\r\nSYNTAX invalid syntax\r\n");

        Assert.Equal(RespType.BlobError, value.Type);
        Assert.True(value.IsError);
        Assert.Equal("SYNTAX invalid syntax", value.Text);
    }

    [Fact]
    public void Reads_a_verbatim_string()
    {
        RespValue value = Read("=15\r\ntxt:Some string\r\n");

        Assert.Equal(RespType.Verbatim, value.Type);
        Assert.Equal("txt", value.Format);
        Assert.Equal("Some string", value.Text);
    }

    [Fact]
    public void Reads_maps_as_flat_lists()
    {
        RespValue value = Read("%2\r\n+first\r\n:1\r\n+second\r\n:2\r\n");

        Assert.Equal(RespType.Map, value.Type);
        Assert.Equal(4, value.Items!.Count);
        Assert.Equal("{first: (integer) 1, second: (integer) 2}", value.ToString());
    }

    [Fact]
    public void Reads_sets_and_pushes()
    {
        Assert.Equal("~[a, b]", Read("~2\r\n+a\r\n+b\r\n").ToString());
        Assert.Equal(">[message, ch, hi]", Read(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n").ToString());
        Assert.Equal(RespType.Push, Read(">0\r\n").Type);
    }

    [Fact]
    public void An_attribute_is_attached_to_the_reply_it_describes()
    {
        ReadOnlySequence<byte> buffer = TestBytes.Sequence("|1\r\n+key-popularity\r\n*2\r\n$1\r\na\r\n,0.1923\r\n*2\r\n:2039123\r\n:9543892\r\n+next\r\n");

        Assert.True(RespReader.TryRead(ref buffer, out RespValue? value));

        Assert.Equal(RespType.Array, value!.Type);
        Assert.Equal("[(integer) 2039123, (integer) 9543892]", value.ToString());
        Assert.Equal(RespType.Attribute, value.Attributes!.Type);
        Assert.Equal("key-popularity", value.Attributes.Items![0].Text);
        Assert.Equal("+next\r\n", TestBytes.Text(buffer.ToArray()));
    }

    [Fact]
    public void Advances_past_exactly_one_value()
    {
        ReadOnlySequence<byte> buffer = TestBytes.Sequence("+OK\r\n:1\r\n$1\r\nx\r\n");
        var values = new List<string>();

        while (RespReader.TryRead(ref buffer, out RespValue? value))
        {
            values.Add(value!.ToString());
        }

        Assert.Equal(["OK", "(integer) 1", "x"], values);
        Assert.Equal(0, buffer.Length);
    }

    [Fact]
    public void Every_prefix_of_a_value_is_incomplete_and_leaves_the_buffer_alone()
    {
        byte[] bytes = TestBytes.Of("*4\r\n$5\r\nhello\r\n%1\r\n+k\r\n,1.5\r\n|1\r\n+a\r\n:1\r\n#t\r\n=7\r\ntxt:abc\r\n");
        for (int length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);

            Assert.False(RespReader.TryRead(ref buffer, out RespValue? value), $"prefix of {length}");
            Assert.Null(value);
            Assert.Equal(length, buffer.Length);
        }

        var whole = TestBytes.OneBytePerSegment(bytes);
        Assert.True(RespReader.TryRead(ref whole, out RespValue? complete));
        Assert.Equal("[hello, {k: 1.5}, (true), abc]", complete!.ToString());
    }

    [Fact]
    public void A_huge_count_without_elements_allocates_little()
    {
        ReadOnlySequence<byte> buffer = TestBytes.Sequence("*2147483647\r\n:1\r\n");
        RespReader.TryRead(ref buffer, out _);

        long before = GC.GetAllocatedBytesForCurrentThread();
        bool complete = RespReader.TryRead(ref buffer, out _);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.False(complete);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes");
    }

    [Theory]
    [InlineData("?what\r\n")]
    [InlineData(":12x\r\n")]
    [InlineData("$3\r\nabcde\r\n")]
    [InlineData("#x\r\n")]
    [InlineData(",1.2.3\r\n")]
    [InlineData("=3\r\ntxt\r\n")]
    [InlineData("~-1\r\n")]
    [InlineData("$-2\r\n")]
    [InlineData("$?\r\n")]
    public void Malformed_input_throws(string input)
    {
        ReadOnlySequence<byte> buffer = TestBytes.Sequence(input);

        Assert.Throws<RespFormatException>(() => RespReader.TryRead(ref buffer, out _));
    }

    [Fact]
    public void Reads_what_the_writer_writes()
    {
        using var writer = new RespWriter { Protocol = 3 };
        writer.WriteArrayHeader(9);
        writer.WriteOk();
        writer.WriteError("ERR bad");
        writer.WriteInteger(-7);
        writer.WriteBulk("bulk");
        writer.WriteNull();
        writer.WriteDouble(2.5);
        writer.WriteBoolean(true);
        writer.WriteMapHeader(1);
        writer.WriteBulk("k");
        writer.WriteSetHeader(1);
        writer.WriteBulk(1);
        writer.WriteVerbatim("txt"u8, "v"u8);
        ReadOnlySequence<byte> buffer = new(writer.WrittenMemory);

        Assert.True(RespReader.TryRead(ref buffer, out RespValue? value));

        Assert.Equal("[OK, (error) ERR bad, (integer) -7, bulk, (nil), 2.5, (true), {k: ~[1]}, v]", value!.ToString());
    }

    private static RespValue Read(string input)
    {
        ReadOnlySequence<byte> buffer = TestBytes.Sequence(input);
        Assert.True(RespReader.TryRead(ref buffer, out RespValue? value));
        Assert.Equal(0, buffer.Length);
        return value!;
    }
}
