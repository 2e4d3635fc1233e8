namespace AkkaKv.Storage;

/// <summary>
/// One node of a <see cref="ListValue"/>: a run of elements packed in one byte array, as a quicklist node's
/// listpack holds them. Each entry is the content's length as a little-endian base-128 number, the content, and the
/// same number with its bytes reversed, so the run reads from both ends (a short element costs two bytes over its
/// content, as in a listpack). The entries sit in the middle of the array with free room on both sides, so pushes
/// and pops at either end move nothing.
/// </summary>
internal sealed class ListNode
{
    /// <summary>A listpack's header (6 bytes) and end marker (1): the size of an empty one.</summary>
    public const int EmptyListpackBytes = 7;

    private const int MinCapacity = 16;

    private byte[] _buffer;
    private int _start;
    private int _end;

    public ListNode()
    {
        _buffer = [];
        ListpackBytes = EmptyListpackBytes;
    }

    private ListNode(byte[] buffer, int count, int listpackBytes)
    {
        _buffer = buffer;
        _end = buffer.Length;
        Count = count;
        ListpackBytes = listpackBytes;
    }

    public int Count { get; private set; }

    /// <summary>
    /// The bytes these elements would take as one Redis listpack (quicklist's node->sz): what decides when a node is
    /// full and when a list changes encoding.
    /// </summary>
    public int ListpackBytes { get; private set; }

    /// <summary>Offset of the first entry; entries run up to <see cref="End"/>.</summary>
    public int Start => _start;

    public int End => _end;

    /// <summary>A copy of this node holding exactly its entries.</summary>
    public ListNode Clone() => new(_buffer.AsSpan(_start, _end - _start).ToArray(), Count, ListpackBytes);

    /// <summary>The element whose entry starts at <paramref name="offset"/>; <paramref name="next"/> is where the following entry starts.</summary>
    public ReadOnlySpan<byte> Read(int offset, out int next)
    {
        var length = Locate(offset, out var content, out next);
        return _buffer.AsSpan(content, length);
    }

    /// <summary>The element whose entry ends at <paramref name="end"/>; <paramref name="start"/> is where that entry starts.</summary>
    public ReadOnlySpan<byte> ReadBackward(int end, out int start)
    {
        var length = LocateBackward(end, out var content, out start);
        return _buffer.AsSpan(content, length);
    }

    /// <summary>The entry starting at <paramref name="offset"/>: its content's length and start, and where the next entry starts.</summary>
    public int Locate(int offset, out int content, out int next)
    {
        var length = ReadLength(offset, out content);
        next = content + length + LengthSize(length);
        return length;
    }

    /// <summary>The entry ending at <paramref name="end"/>: its content's length and start, and where the entry starts.</summary>
    public int LocateBackward(int end, out int content, out int start)
    {
        var length = ReadLengthBackward(end, out var size);
        content = end - size - length;
        start = content - size;
        return length;
    }

    /// <summary>Content bytes found by <see cref="Locate"/> or <see cref="LocateBackward"/>.</summary>
    public ReadOnlySpan<byte> Content(int content, int length) => _buffer.AsSpan(content, length);

    /// <summary>Where the entry after the one at <paramref name="offset"/> starts.</summary>
    public int Next(int offset)
    {
        Locate(offset, out _, out var next);
        return next;
    }

    /// <summary>Where the entry at position <paramref name="index"/> (0..Count-1) starts, walking from the nearer end.</summary>
    public int OffsetOf(int index)
    {
        if (index <= Count / 2)
        {
            var offset = _start;
            for (var i = 0; i < index; i++)
            {
                offset = Next(offset);
            }

            return offset;
        }

        var end = _end;
        for (var i = Count; i > index; i--)
        {
            ReadBackward(end, out end);
        }

        return end;
    }

    public void PushFront(ReadOnlySpan<byte> element) => Insert(_start, element);

    public void PushBack(ReadOnlySpan<byte> element) => Insert(_end, element);

    /// <summary>Inserts <paramref name="element"/> as a new entry starting at <paramref name="offset"/> (an entry start, or End).</summary>
    public void Insert(int offset, ReadOnlySpan<byte> element)
    {
        var at = Splice(offset, 0, EntrySize(element.Length));
        Write(at, element);
        Count++;
        ListpackBytes = checked(ListpackBytes + ListpackEntrySize(element));
    }

    /// <summary>Replaces the element of the entry at <paramref name="offset"/>.</summary>
    public void Replace(int offset, ReadOnlySpan<byte> element)
    {
        var old = Read(offset, out var next);
        var oldListpackSize = ListpackEntrySize(old);
        var at = Splice(offset, next - offset, EntrySize(element.Length));
        Write(at, element);
        ListpackBytes = checked(ListpackBytes + ListpackEntrySize(element) - oldListpackSize);
    }

    public byte[] PopFront()
    {
        var element = Read(_start, out var next).ToArray();
        Forget(element);
        _start = next;
        ReleaseSpareRoom();
        return element;
    }

    public byte[] PopBack()
    {
        var element = ReadBackward(_end, out var start).ToArray();
        Forget(element);
        _end = start;
        ReleaseSpareRoom();
        return element;
    }

    /// <summary>Removes <paramref name="count"/> entries from position <paramref name="index"/> on.</summary>
    public void RemoveRange(int index, int count)
    {
        var from = OffsetOf(index);
        var to = from;
        for (var i = 0; i < count; i++)
        {
            Forget(Read(to, out to));
        }

        Splice(from, to - from, 0);
        ReleaseSpareRoom();
    }

    /// <summary>
    /// Removes every entry equal to <paramref name="element"/>, at most <paramref name="limit"/> of them (0: all), from
    /// the head end or, when <paramref name="fromTail"/>, the tail end, in one pass; returns how many went.
    /// </summary>
    public int RemoveMatches(ReadOnlySpan<byte> element, long limit, bool fromTail)
    {
        var removed = 0;
        if (fromTail)
        {
            // Compact toward the tail: kept entries move right, the freed room ends up in front.
            var write = _end;
            var read = _end;
            while (read > _start)
            {
                var current = ReadBackward(read, out var start);
                if ((limit == 0 || removed < limit) && current.SequenceEqual(element))
                {
                    Forget(current);
                    removed++;
                }
                else
                {
                    write -= read - start;
                    if (write != start)
                    {
                        _buffer.AsSpan(start, read - start).CopyTo(_buffer.AsSpan(write));
                    }
                }

                read = start;
            }

            _start = write;
        }
        else
        {
            var write = _start;
            var read = _start;
            while (read < _end)
            {
                var current = Read(read, out var next);
                if ((limit == 0 || removed < limit) && current.SequenceEqual(element))
                {
                    Forget(current);
                    removed++;
                }
                else
                {
                    if (write != read)
                    {
                        _buffer.AsSpan(read, next - read).CopyTo(_buffer.AsSpan(write));
                    }

                    write += next - read;
                }

                read = next;
            }

            _end = write;
        }

        ReleaseSpareRoom();
        return removed;
    }

    /// <summary>
    /// Moves the entries from position <paramref name="index"/> on into a new node (quicklist's split), leaving
    /// positions 0..index-1 here.
    /// </summary>
    public ListNode SplitOff(int index)
    {
        var from = OffsetOf(index);
        var moved = new ListNode(_buffer.AsSpan(from, _end - from).ToArray(), Count - index, EmptyListpackBytes);
        for (var offset = from; offset < _end;)
        {
            var element = Read(offset, out offset);
            var size = ListpackEntrySize(element);
            moved.ListpackBytes += size;
            ListpackBytes -= size;
        }

        Count = index;
        _end = from;
        Compact();
        return moved;
    }

    /// <summary>Appends every entry of <paramref name="other"/> (quicklist's listpack merge: one header fewer).</summary>
    public void Append(ListNode other)
    {
        var length = other._end - other._start;
        var at = Splice(_end, 0, length);
        other._buffer.AsSpan(other._start, length).CopyTo(_buffer.AsSpan(at));
        Count += other.Count;
        ListpackBytes = checked(ListpackBytes + other.ListpackBytes - EmptyListpackBytes);
    }

    /// <summary>Gives back the free room around the entries (a node no longer at an end of its list grows no more).</summary>
    public void Compact()
    {
        var used = _end - _start;
        var size = RoundUp(used);
        if (_buffer.Length - size < 8)
        {
            return;
        }

        var buffer = new byte[size];
        _buffer.AsSpan(_start, used).CopyTo(buffer);
        _buffer = buffer;
        _start = 0;
        _end = used;
    }

    /// <summary>
    /// Bytes <paramref name="element"/> takes as a listpack entry: stored as an integer when it is the canonical text
    /// of a 64-bit integer, as Redis's lpStringToInt64 decides, otherwise as a string; plus its back-length.
    /// </summary>
    public static int ListpackEntrySize(ReadOnlySpan<byte> element)
    {
        if (StringValue.TryParseInteger(element, out var value))
        {
            // Integer encodings are at most 9 bytes, so their back-length is one byte.
            return value switch
            {
                >= 0 and <= 127 => 2,
                >= -4096 and <= 4095 => 3,
                >= short.MinValue and <= short.MaxValue => 4,
                >= -8388608 and <= 8388607 => 5,
                >= int.MinValue and <= int.MaxValue => 6,
                _ => 10,
            };
        }

        var length = element.Length;
        var encoded = checked(length < 64 ? 1 + length : length < 4096 ? 2 + length : 5 + length);
        var backLength = encoded <= 127 ? 1 : encoded < 16383 ? 2 : encoded < 2097151 ? 3 : encoded < 268435455 ? 4 : 5;
        return checked(encoded + backLength);
    }

    private static int EntrySize(int length) => checked(length + (2 * LengthSize(length)));

    private static int LengthSize(int length)
    {
        var size = 1;
        for (var rest = (uint)length >> 7; rest != 0; rest >>= 7)
        {
            size++;
        }

        return size;
    }

    private static int RoundUp(int size) => Math.Max(MinCapacity, checked((size + 7) & ~7));

    private void Forget(ReadOnlySpan<byte> element)
    {
        Count--;
        ListpackBytes -= ListpackEntrySize(element);
    }

    private int ReadLength(int offset, out int content)
    {
        var value = 0;
        var shift = 0;
        byte b;
        do
        {
            b = _buffer[offset++];
            value |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        content = offset;
        return value;
    }

    private int ReadLengthBackward(int end, out int size)
    {
        var value = 0;
        var shift = 0;
        var offset = end;
        byte b;
        do
        {
            b = _buffer[--offset];
            value |= (b & 0x7F) << shift;
            shift += 7;
        }
        while ((b & 0x80) != 0);

        size = end - offset;
        return value;
    }

    private void Write(int offset, ReadOnlySpan<byte> element)
    {
        var size = LengthSize(element.Length);
        var rest = (uint)element.Length;
        for (var i = 0; i < size; i++)
        {
            var b = (byte)(rest & 0x7F);
            rest >>= 7;
            if (i < size - 1)
            {
                b |= 0x80;
            }

            // The same bytes forward before the content and reversed after it.
            _buffer[offset + i] = b;
            _buffer[offset + size + element.Length + (size - 1 - i)] = b;
        }

        element.CopyTo(_buffer.AsSpan(offset + size));
    }

    /// <summary>
    /// Replaces <paramref name="remove"/> bytes at <paramref name="offset"/> with room for <paramref name="insert"/>
    /// bytes and returns where that room starts. Moves the shorter side of the run when it can, otherwise lays the run
    /// out again (in a bigger array when this one would be more than three quarters full).
    /// </summary>
    private int Splice(int offset, int remove, int insert)
    {
        var before = offset - _start;
        var after = _end - offset - remove;
        var delta = insert - remove;
        if (delta <= 0)
        {
            if (before <= after)
            {
                _buffer.AsSpan(_start, before).CopyTo(_buffer.AsSpan(_start - delta));
                _start -= delta;
                return offset - delta;
            }

            _buffer.AsSpan(offset + remove, after).CopyTo(_buffer.AsSpan(offset + insert));
            _end += delta;
            return offset;
        }

        // Move the shorter side into the room beside it; a short longer side (a few entries) is as cheap to move.
        var frontRoom = _start >= delta;
        var backRoom = _buffer.Length - _end >= delta;
        if (frontRoom && (before <= after || before <= 64))
        {
            _buffer.AsSpan(_start, before).CopyTo(_buffer.AsSpan(_start - delta));
            _start -= delta;
            return offset - delta;
        }

        if (backRoom && (after < before || after <= 64))
        {
            _buffer.AsSpan(offset + remove, after).CopyTo(_buffer.AsSpan(offset + insert));
            _end += delta;
            return offset;
        }

        return Relayout(before, remove, insert, after);
    }

    private int Relayout(int before, int remove, int insert, int after)
    {
        var used = checked(before + insert + after);
        var buffer = used + (used / 3) <= _buffer.Length ? _buffer : new byte[RoundUp(checked(used + (used / 2)))];

        // The room goes mostly to the side that is growing: the front for pushes at the head, the back otherwise.
        var slack = buffer.Length - used;
        var start = before == 0 && after > 0 ? slack - (slack / 4) : after == 0 ? slack / 4 : slack / 2;
        var oldAfter = _start + before + remove;
        var newAfter = start + before + insert;

        // Both blocks keep their order; moving the one on the far side of the direction of travel first keeps either
        // from overwriting the other when the array is reused.
        if (newAfter > oldAfter)
        {
            _buffer.AsSpan(oldAfter, after).CopyTo(buffer.AsSpan(newAfter));
            _buffer.AsSpan(_start, before).CopyTo(buffer.AsSpan(start));
        }
        else
        {
            _buffer.AsSpan(_start, before).CopyTo(buffer.AsSpan(start));
            _buffer.AsSpan(oldAfter, after).CopyTo(buffer.AsSpan(newAfter));
        }

        _buffer = buffer;
        _start = start;
        _end = start + used;
        return start + before;
    }

    /// <summary>Shrinks the array once the entries fill less than a quarter of it, so a list that emptied gives memory back.</summary>
    private void ReleaseSpareRoom()
    {
        var used = _end - _start;
        if (_buffer.Length > 64 && used < _buffer.Length / 4)
        {
            var buffer = new byte[RoundUp(used + (used / 2))];
            var start = (buffer.Length - used) / 2;
            _buffer.AsSpan(_start, used).CopyTo(buffer.AsSpan(start));
            _buffer = buffer;
            _start = start;
            _end = start + used;
        }
    }
}
