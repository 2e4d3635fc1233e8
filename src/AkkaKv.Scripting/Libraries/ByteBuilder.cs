namespace AkkaKv.Scripting.Libraries;

/// <summary>A reusable growing byte buffer for the encoders (cjson, cmsgpack, struct); kept by the interpreter.</summary>
internal sealed class ByteBuilder
{
    private const int RetainedCapacity = 64 * 1024;

    private byte[] _buffer = new byte[256];
    private int _length;

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    public void Clear()
    {
        _length = 0;
        // One huge encoding must not pin its buffer for the interpreter's lifetime.
        if (_buffer.Length > RetainedCapacity) _buffer = new byte[256];
    }

    public void Append(byte value)
    {
        if (_length == _buffer.Length) Grow(1);
        _buffer[_length++] = value;
    }

    public void Append(ReadOnlySpan<byte> values)
    {
        if (_length + values.Length > _buffer.Length) Grow(values.Length);
        values.CopyTo(_buffer.AsSpan(_length));
        _length += values.Length;
    }

    public Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length) Grow(count);
        return _buffer.AsSpan(_length, count);
    }

    public void Advance(int count) => _length += count;

    private void Grow(int extra) => Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + extra));
}
