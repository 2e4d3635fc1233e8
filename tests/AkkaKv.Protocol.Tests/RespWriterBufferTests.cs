using System.Buffers;

namespace AkkaKv.Protocol.Tests;

public class RespWriterBufferTests
{
    [Fact]
    public void Grows_past_its_initial_capacity()
    {
        using var writer = new RespWriter(16);
        byte[] value = new byte[100_000];
        value[^1] = 9;

        writer.WriteBulk(value);

        Assert.Equal(9 + 100_000 + 2, writer.Length);
        Assert.Equal("$100000\r\n", TestBytes.Text(writer.Slice(0, 9)));
        Assert.Equal(9, writer.WrittenSpan[^3]);
        Assert.Equal(writer.WrittenSpan.ToArray(), writer.WrittenMemory.ToArray());
    }

    [Fact]
    public void Truncate_drops_what_was_written_after_a_mark()
    {
        using var writer = new RespWriter();
        writer.WriteOk();
        int mark = writer.Length;
        writer.WriteBulk("dropped");

        writer.Truncate(mark);
        writer.WriteInteger(1);

        Assert.Equal("+OK\r\n:1\r\n", TestBytes.Text(writer.WrittenSpan));
    }

    [Fact]
    public void Truncate_refuses_to_extend()
    {
        using var writer = new RespWriter();
        writer.WriteOk();

        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Truncate(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Truncate(-1));
    }

    [Fact]
    public void Reset_empties_and_keeps_the_protocol()
    {
        using var writer = new RespWriter { Protocol = 3 };
        writer.WriteOk();

        writer.Reset();
        writer.WriteNull();

        Assert.Equal("_\r\n", TestBytes.Text(writer.WrittenSpan));
    }

    [Fact]
    public void Slice_reads_a_range_of_what_was_written()
    {
        using var writer = new RespWriter();
        writer.WriteOk();
        writer.WriteInteger(42);

        Assert.Equal(":42\r\n", TestBytes.Text(writer.Slice(5, 10)));
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.Slice(5, 11).Length);
    }

    [Fact]
    public void WriteRaw_copies_bytes_as_they_are()
    {
        using var writer = new RespWriter();

        writer.WriteRaw("+QUEUED\r\n"u8);

        Assert.Equal("+QUEUED\r\n", TestBytes.Text(writer.WrittenSpan));
    }

    [Fact]
    public void Is_a_buffer_writer()
    {
        using var writer = new RespWriter(16);
        IBufferWriter<byte> target = writer;

        Span<byte> span = target.GetSpan(100);
        "+HI\r\n"u8.CopyTo(span);
        target.Advance(5);
        "+YO\r\n"u8.CopyTo(target.GetMemory().Span);
        target.Advance(5);

        Assert.Equal("+HI\r\n+YO\r\n", TestBytes.Text(writer.WrittenSpan));
    }

    [Fact]
    public void Reset_gives_back_a_buffer_grown_past_the_retention_limit()
    {
        using var writer = new RespWriter(64) { MaxRetainedCapacity = 1024 };
        writer.WriteBulk(new byte[10_000]);

        writer.Reset();
        writer.WriteOk();

        Assert.Equal("+OK\r\n", TestBytes.Text(writer.WrittenSpan));
        Assert.True(writer.GetSpan().Length < 10_000);
    }

    [Fact]
    public void Writes_after_dispose_rent_a_new_buffer()
    {
        var writer = new RespWriter();
        writer.WriteOk();
        writer.Dispose();

        writer.WriteOk();

        Assert.Equal("+OK\r\n", TestBytes.Text(writer.WrittenSpan));
        writer.Dispose();
    }
}
