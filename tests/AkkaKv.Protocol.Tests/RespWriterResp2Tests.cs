using static AkkaKv.Protocol.Tests.WriterAssert;

namespace AkkaKv.Protocol.Tests;

public class RespWriterResp2Tests
{
    private static string Resp2(Action<RespWriter> write) => Written(2, write);

    [Fact]
    public void Ok() => Assert.Equal("+OK\r\n", Resp2(w => w.WriteOk()));

    [Fact]
    public void Simple_strings() =>
        Assert.Equal("+PONG\r\n+caf\u00c3\u00a9\r\n+\r\n", Resp2(w =>
        {
            w.WriteSimpleString("PONG"u8);
            w.WriteSimpleString("caf\u00e9");
            w.WriteSimpleString("");
        }));

    [Fact]
    public void A_simple_string_stays_on_one_line() =>
        Assert.Equal("+a  b c\r\n+x y\r\n", Resp2(w =>
        {
            w.WriteSimpleString("a\r\nb\nc");
            w.WriteSimpleString("x\ry"u8);
        }));

    [Theory]
    [InlineData("ERR unknown command 'x'", "-ERR unknown command 'x'\r\n")]
    [InlineData("WRONGTYPE Operation against a key holding the wrong kind of value", "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n")]
    [InlineData("-NOAUTH Authentication required.", "-NOAUTH Authentication required.\r\n")]
    [InlineData("ERR a\r\nb\r\n", "-ERR a  b\r\n")]
    [InlineData("\r\nERR x\ny\n\n", "-ERR x y\r\n")]
    [InlineData("ERR \u00e9", "-ERR \u00c3\u00a9\r\n")]
    public void Errors(string message, string expected)
    {
        Assert.Equal(expected, Resp2(w => w.WriteError(message)));
        Assert.Equal(expected, Resp2(w => w.WriteError(System.Text.Encoding.UTF8.GetBytes(message))));
    }

    [Theory]
    [InlineData(0, ":0\r\n")]
    [InlineData(7, ":7\r\n")]
    [InlineData(10, ":10\r\n")]
    [InlineData(-1, ":-1\r\n")]
    [InlineData(long.MaxValue, ":9223372036854775807\r\n")]
    [InlineData(long.MinValue, ":-9223372036854775808\r\n")]
    public void Integers(long value, string expected) => Assert.Equal(expected, Resp2(w => w.WriteInteger(value)));

    [Fact]
    public void Bulk_strings() =>
        Assert.Equal("$3\r\nfoo\r\n$0\r\n\r\n$2\r\n\u00c3\u00a9\r\n$4\r\n\r\n\0\u00ff\r\n", Resp2(w =>
        {
            w.WriteBulk("foo"u8);
            w.WriteBulk("");
            w.WriteBulk("\u00e9");
            w.WriteBulk(TestBytes.Of("\r\n\0\u00ff"));
        }));

    [Theory]
    [InlineData(0, "$1\r\n0\r\n")]
    [InlineData(42, "$2\r\n42\r\n")]
    [InlineData(-5, "$2\r\n-5\r\n")]
    [InlineData(long.MinValue, "$20\r\n-9223372036854775808\r\n")]
    public void Integers_as_bulk_strings(long value, string expected) => Assert.Equal(expected, Resp2(w => w.WriteBulk(value)));

    [Fact]
    public void Null_is_a_null_bulk() => Assert.Equal("$-1\r\n", Resp2(w => w.WriteNull()));

    [Fact]
    public void Null_array() => Assert.Equal("*-1\r\n", Resp2(w => w.WriteNullArray()));

    [Fact]
    public void Array_headers() => Assert.Equal("*3\r\n*0\r\n*1000\r\n", Resp2(w =>
    {
        w.WriteArrayHeader(3);
        w.WriteArrayHeader(0);
        w.WriteArrayHeader(1000);
    }));

    [Fact]
    public void A_map_is_a_flat_array_of_twice_the_pairs() =>
        Assert.Equal("*4\r\n*0\r\n*4294967294\r\n", Resp2(w =>
        {
            w.WriteMapHeader(2);
            w.WriteMapHeader(0);
            w.WriteMapHeader(int.MaxValue);
        }));

    [Fact]
    public void A_set_is_an_array() => Assert.Equal("*2\r\n", Resp2(w => w.WriteSetHeader(2)));

    [Fact]
    public void A_push_is_an_array() => Assert.Equal("*3\r\n", Resp2(w => w.WritePushHeader(3)));

    [Fact]
    public void An_attribute_header_writes_nothing() => Assert.Equal("", Resp2(w => w.WriteAttributeHeader(1)));

    [Fact]
    public void Booleans_are_integers() => Assert.Equal(":1\r\n:0\r\n", Resp2(w =>
    {
        w.WriteBoolean(true);
        w.WriteBoolean(false);
    }));

    [Theory]
    [InlineData(1.5, "$3\r\n1.5\r\n")]
    [InlineData(3.0, "$1\r\n3\r\n")]
    [InlineData(-0.0, "$2\r\n-0\r\n")]
    [InlineData(0.1, "$3\r\n0.1\r\n")]
    [InlineData(1e20, "$5\r\n1e+20\r\n")]
    [InlineData(double.PositiveInfinity, "$3\r\ninf\r\n")]
    [InlineData(double.NegativeInfinity, "$4\r\n-inf\r\n")]
    [InlineData(double.NaN, "$3\r\nnan\r\n")]
    [InlineData(0.30000000000000004, "$19\r\n0.30000000000000004\r\n")]
    public void Doubles_are_bulk_strings(double value, string expected) => Assert.Equal(expected, Resp2(w => w.WriteDouble(value)));

    [Fact]
    public void A_big_number_is_a_bulk_string() =>
        Assert.Equal("$22\r\n1234567890123456789012\r\n", Resp2(w => w.WriteBigNumber("1234567890123456789012"u8)));

    [Fact]
    public void Verbatim_text_is_a_bulk_string_of_the_text() =>
        Assert.Equal("$5\r\nhello\r\n", Resp2(w => w.WriteVerbatim("txt"u8, "hello"u8)));

    [Fact]
    public void A_blob_error_is_a_simple_error() =>
        Assert.Equal("-ERR a b\r\n", Resp2(w => w.WriteBlobError("ERR a\nb"u8)));

    [Fact]
    public void Replies_append_in_order() =>
        Assert.Equal("*2\r\n$1\r\na\r\n:1\r\n+OK\r\n", Resp2(w =>
        {
            w.WriteArrayHeader(2);
            w.WriteBulk("a");
            w.WriteInteger(1);
            w.WriteOk();
        }));

    [Fact]
    public void The_default_protocol_is_2()
    {
        using var writer = new RespWriter();

        Assert.Equal(2, writer.Protocol);
    }
}
