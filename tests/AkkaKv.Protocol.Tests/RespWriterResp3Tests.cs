using static AkkaKv.Protocol.Tests.WriterAssert;

namespace AkkaKv.Protocol.Tests;

public class RespWriterResp3Tests
{
    private static string Resp3(Action<RespWriter> write) => Written(3, write);

    [Fact]
    public void Null_is_underscore() => Assert.Equal("_\r\n", Resp3(w => w.WriteNull()));

    [Fact]
    public void Null_array_is_underscore() => Assert.Equal("_\r\n", Resp3(w => w.WriteNullArray()));

    [Fact]
    public void Map_header() => Assert.Equal("%2\r\n%0\r\n", Resp3(w =>
    {
        w.WriteMapHeader(2);
        w.WriteMapHeader(0);
    }));

    [Fact]
    public void Set_header() => Assert.Equal("~3\r\n", Resp3(w => w.WriteSetHeader(3)));

    [Fact]
    public void Push_header() => Assert.Equal(">3\r\n", Resp3(w => w.WritePushHeader(3)));

    [Fact]
    public void Attribute_header() => Assert.Equal("|1\r\n", Resp3(w => w.WriteAttributeHeader(1)));

    [Fact]
    public void Booleans() => Assert.Equal("#t\r\n#f\r\n", Resp3(w =>
    {
        w.WriteBoolean(true);
        w.WriteBoolean(false);
    }));

    [Theory]
    [InlineData(1.5, ",1.5\r\n")]
    [InlineData(3.0, ",3\r\n")]
    [InlineData(0.0, ",0\r\n")]
    [InlineData(-0.0, ",-0\r\n")]
    [InlineData(-2.5, ",-2.5\r\n")]
    [InlineData(1.5e-7, ",1.5e-7\r\n")]
    [InlineData(1e20, ",1e+20\r\n")]
    [InlineData(double.PositiveInfinity, ",inf\r\n")]
    [InlineData(double.NegativeInfinity, ",-inf\r\n")]
    [InlineData(double.NaN, ",nan\r\n")]
    public void Doubles(double value, string expected) => Assert.Equal(expected, Resp3(w => w.WriteDouble(value)));

    [Fact]
    public void Big_number() =>
        Assert.Equal("(3492890328409238509324850943850943825024385\r\n", Resp3(w => w.WriteBigNumber("3492890328409238509324850943850943825024385"u8)));

    [Theory]
    [InlineData("txt", "Some string", "=15\r\ntxt:Some string\r\n")]
    [InlineData("mkd", "", "=4\r\nmkd:\r\n")]
    [InlineData("md", "x", "=5\r\nmd :x\r\n")]
    [InlineData("", "x", "=5\r\n   :x\r\n")]
    [InlineData("markdown", "x", "=5\r\nmar:x\r\n")]
    public void Verbatim_strings_pad_or_cut_the_format_to_three_bytes(string format, string text, string expected) =>
        Assert.Equal(expected, Resp3(w => w.WriteVerbatim(TestBytes.Of(format), TestBytes.Of(text))));

    [Fact]
    public void Verbatim_text_may_hold_line_breaks() =>
        Assert.Equal("=8\r\ntxt:a\r\nb\r\n", Resp3(w => w.WriteVerbatim("txt"u8, "a\r\nb"u8)));

    [Fact]
    public void Blob_errors_are_binary_safe() =>
        Assert.Equal("!22\r\nSYNTAX invalid\r\nsyntax\r\n", Resp3(w => w.WriteBlobError("SYNTAX invalid\r\nsyntax"u8)));

    [Fact]
    public void Types_common_to_both_protocols_are_unchanged() =>
        Assert.Equal("+OK\r\n+PONG\r\n-ERR x\r\n:5\r\n$1\r\na\r\n*2\r\n$2\r\n10\r\n", Resp3(w =>
        {
            w.WriteOk();
            w.WriteSimpleString("PONG");
            w.WriteError("ERR x");
            w.WriteInteger(5);
            w.WriteBulk("a");
            w.WriteArrayHeader(2);
            w.WriteBulk(10);
        }));

    [Fact]
    public void The_protocol_may_change_between_replies()
    {
        using var writer = new RespWriter();
        writer.WriteNull();
        writer.Protocol = 3;
        writer.WriteNull();
        writer.Protocol = 2;
        writer.WriteNull();

        Assert.Equal("$-1\r\n_\r\n$-1\r\n", TestBytes.Text(writer.WrittenSpan));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4)]
    public void Only_protocols_2_and_3_exist(int protocol)
    {
        using var writer = new RespWriter();

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Protocol = protocol);
    }
}
