namespace AkkaKv.Storage;

/// <summary>The byte array behind a compact (listpack-like) encoding, edited in place.</summary>
internal static class PackedBytes
{
    /// <summary>
    /// Turns the <paramref name="oldSize"/> bytes at <paramref name="offset"/> of the first <paramref name="length"/>
    /// bytes of <paramref name="data"/> into <paramref name="newSize"/> bytes (content undefined), moving what follows.
    /// Grows by a quarter at least, so adding element after element does not copy the whole array each time, and gives
    /// memory back once less than half is used.
    /// </summary>
    public static void Resize(ref byte[]? data, ref int length, int offset, int oldSize, int newSize)
    {
        var tail = length - offset - oldSize;
        var newLength = length - oldSize + newSize;
        var current = data ?? [];
        var capacity = current.Length;
        if (newLength > capacity)
        {
            capacity = Math.Max(newLength, capacity + capacity / 4);
        }
        else if (capacity > 64 && newLength < capacity / 2)
        {
            capacity = newLength;
        }

        if (capacity != current.Length)
        {
            // Arrays are allocated in 8-byte steps anyway.
            var resized = new byte[(capacity + 7) & ~7];
            current.AsSpan(0, offset).CopyTo(resized);
            current.AsSpan(offset + oldSize, tail).CopyTo(resized.AsSpan(offset + newSize));
            data = resized;
        }
        else if (oldSize != newSize)
        {
            current.AsSpan(offset + oldSize, tail).CopyTo(current.AsSpan(offset + newSize));
        }

        length = newLength;
    }
}
