using System.Buffers.Binary;

namespace AkkaKv.Storage;

/// <summary>
/// The intset form: <c>_data</c> holds <c>_count</c> ascending integers, each <c>_width</c> bytes (2, 4 or 8),
/// little-endian. The width grows to fit a new value and never shrinks, as Redis's intset upgrade.
/// </summary>
public sealed partial class SetValue
{
    /// <summary>The longest decimal text of a long ("-9223372036854775808").</summary>
    private const int MaxIntegerText = 20;

    private long IntAt(int index)
    {
        var data = _data.AsSpan(index * _width, _width);
        return _width switch
        {
            sizeof(short) => BinaryPrimitives.ReadInt16LittleEndian(data),
            sizeof(int) => BinaryPrimitives.ReadInt32LittleEndian(data),
            _ => BinaryPrimitives.ReadInt64LittleEndian(data),
        };
    }

    private static void WriteInt(Span<byte> data, int width, long value)
    {
        switch (width)
        {
            case sizeof(short):
                BinaryPrimitives.WriteInt16LittleEndian(data, (short)value);
                break;
            case sizeof(int):
                BinaryPrimitives.WriteInt32LittleEndian(data, (int)value);
                break;
            default:
                BinaryPrimitives.WriteInt64LittleEndian(data, value);
                break;
        }
    }

    private static byte WidthFor(long value) =>
        (byte)(value is >= short.MinValue and <= short.MaxValue ? sizeof(short)
        : value is >= int.MinValue and <= int.MaxValue ? sizeof(int)
        : sizeof(long));

    /// <summary>The index of the value, or the bitwise complement of where it would go.</summary>
    private int FindInt(long value)
    {
        int low = 0, high = _count - 1;
        while (low <= high)
        {
            var middle = (int)((uint)(low + high) >> 1);
            var current = IntAt(middle);
            if (current == value)
            {
                return middle;
            }

            if (current < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return ~low;
    }

    /// <summary>Inserts a value in order; false when present.</summary>
    private bool InsertInt(long value)
    {
        var index = FindInt(value);
        if (index >= 0)
        {
            return false;
        }

        index = ~index;
        var width = Math.Max(_width, WidthFor(value));
        var length = (_count + 1) * width;
        var data = _data ?? [];
        if (width != _width || length > data.Length)
        {
            // Exact size (arrays come in 8-byte steps): an intset is small and read far more often than grown.
            var grown = new byte[(length + 7) & ~7];
            for (var i = 0; i < _count; i++)
            {
                WriteInt(grown.AsSpan((i < index ? i : i + 1) * width), width, IntAt(i));
            }

            _data = grown;
            _width = width;
        }
        else
        {
            data.AsSpan(index * width, (_count - index) * width).CopyTo(data.AsSpan((index + 1) * width));
        }

        WriteInt(_data.AsSpan(index * width), width, value);
        _count++;
        _length = _count * width;
        return true;
    }

    private void RemoveIntAt(int index)
    {
        var width = _width;
        var data = _data!;
        data.AsSpan((index + 1) * width, (_count - index - 1) * width).CopyTo(data.AsSpan(index * width));
        _count--;
        _length = _count * width;
        if (data.Length > 64 && _length < data.Length / 2)
        {
            _data = data.AsSpan(0, (_length + 7) & ~7).ToArray();
        }
    }

    /// <summary>Replaces the content with these ascending, distinct values.</summary>
    private void LoadSortedInts(long[] sorted)
    {
        var width = sorted.Length == 0 ? (byte)sizeof(short) : Math.Max(WidthFor(sorted[0]), WidthFor(sorted[^1]));
        var data = new byte[(sorted.Length * width + 7) & ~7];
        for (var i = 0; i < sorted.Length; i++)
        {
            WriteInt(data.AsSpan(i * width), width, sorted[i]);
        }

        _data = data;
        _width = width;
        _count = sorted.Length;
        _length = sorted.Length * width;
    }

    /// <summary>The decimal text of a value, written into <paramref name="buffer"/> (at least 20 bytes).</summary>
    private static ReadOnlySpan<byte> FormatInt(long value, Span<byte> buffer)
    {
        value.TryFormat(buffer, out var written, default, System.Globalization.CultureInfo.InvariantCulture);
        return buffer[..written];
    }
}
