using System.Buffers.Binary;

namespace AkkaKv.Storage;

public static partial class HyperLogLogValue
{
    /// <summary>
    /// An HLL being worked on: it reads the stored array until the first write, which copies it (a stored array is
    /// never mutated). The sparse algorithms follow Redis's opcode for opcode, so the bytes come out identical.
    /// </summary>
    private sealed class Sketch
    {
        private byte[] _data;
        private int _length;
        private bool _owned;

        public Sketch(byte[] stored)
        {
            _data = stored;
            _length = stored.Length;
        }

        /// <summary>Whether anything was written since the sketch was opened.</summary>
        public bool Changed { get; private set; }

        public bool IsDense => _data[EncodingOffset] == DenseEncoding;

        public ReadOnlySpan<byte> Bytes => _data.AsSpan(0, _length);

        /// <summary>The byte just past the end, Redis's string terminator (see <see cref="Decode"/>).</summary>
        private byte Shadow => _length < _data.Length ? _data[_length] : (byte)0;

        /// <summary>A new empty HLL as Redis creates it: sparse, one XZERO covering every register, cache valid at 0.</summary>
        public static Sketch CreateEmpty()
        {
            var data = new byte[HeaderSize + 2];
            "HYLL"u8.CopyTo(data);
            data[EncodingOffset] = SparseEncoding;
            WriteXZero(data, HeaderSize, Registers);
            return new Sketch(data) { _owned = true, Changed = true };
        }

        /// <summary>The stored form: the sketch's own array when it has the exact length.</summary>
        public byte[] ToArray() => _owned && _length == _data.Length ? _data : Bytes.ToArray();

        /// <summary>Raises register <paramref name="index"/> to <paramref name="count"/>: 1 if it rose, 0 if not, -1 if corrupted.</summary>
        public int Set(int index, int count, int sparseMaxBytes) =>
            IsDense ? DenseRaise(index, count) : SparseRaise(index, count, sparseMaxBytes);

        public void InvalidateCache()
        {
            if ((_data[CardinalityOffset + 7] & 0x80) != 0)
            {
                return;
            }

            Writable(0)[CardinalityOffset + 7] |= 0x80;
        }

        public void SetCache(long cardinality) =>
            BinaryPrimitives.WriteInt64LittleEndian(Writable(0).AsSpan(CardinalityOffset, 8), cardinality);

        /// <summary>Converts a sparse HLL to dense, keeping the header (and so the cached cardinality); false if corrupted.</summary>
        public bool ToDense()
        {
            if (IsDense)
            {
                return true;
            }

            var dense = new byte[DenseSize];
            _data.AsSpan(0, HeaderSize).CopyTo(dense);
            dense[EncodingOffset] = DenseEncoding;
            var registers = dense.AsSpan(HeaderSize);
            var index = 0;
            var sparse = Bytes[HeaderSize..];
            for (var p = 0; p < sparse.Length;)
            {
                var op = Decode(sparse, p, Shadow);
                if (op.Value > 0)
                {
                    if (index + op.Run > Registers)
                    {
                        return false;
                    }

                    for (var i = 0; i < op.Run; i++)
                    {
                        DenseWrite(registers, index + i, op.Value);
                    }
                }

                index += op.Run;
                p += op.Length;
            }

            if (index != Registers)
            {
                return false;
            }

            _data = dense;
            _length = dense.Length;
            _owned = true;
            Changed = true;
            return true;
        }

        private int DenseRaise(int index, int count)
        {
            if (count <= DenseRead(_data.AsSpan(HeaderSize, _length - HeaderSize), index))
            {
                return 0;
            }

            DenseWrite(Writable(0).AsSpan(HeaderSize, _length - HeaderSize), index, count);
            return 1;
        }

        private int SparseRaise(int index, int count, int sparseMaxBytes)
        {
            // A register above 32 is not representable sparse.
            if (count > SparseMaxValue)
            {
                return Promote(index, count);
            }

            // Step 1: find the opcode covering the register.
            var sparse = Bytes[HeaderSize..];
            int p = 0, previous = -1, first = 0;
            SparseOp op = default;
            while (p < sparse.Length)
            {
                op = Decode(sparse, p, Shadow);
                if (index <= first + op.Run - 1)
                {
                    break;
                }

                previous = p;
                p += op.Length;
                first += op.Run;
            }

            if (op.Run == 0 || p >= sparse.Length)
            {
                return -1;
            }

            if (op.Value >= count)
            {
                return 0;
            }

            // Room for the worst split (3 bytes more), plus one: an XZERO cut short by the end of a corrupted value
            // is rewritten from its first byte, as Redis does over the string's terminator.
            var data = Writable(4);
            var at = HeaderSize + p;
            var end = _length;
            var next = at + op.Length < end ? at + op.Length : -1;
            if (op.Length == 1 && op.Run == 1)
            {
                // A single register, VAL or ZERO: the opcode becomes the new VAL in place.
                data[at] = Val(count, 1);
            }
            else
            {
                // Step 2: split the opcode around the register (XZERO-VAL-XZERO at worst: 5 bytes).
                Span<byte> sequence = stackalloc byte[5];
                var n = 0;
                var last = first + op.Run - 1;
                if (index != first)
                {
                    n += WriteRun(sequence[n..], op.Value, index - first);
                }

                sequence[n++] = Val(count, 1);
                if (index != last)
                {
                    n += WriteRun(sequence[n..], op.Value, last - index);
                }

                // Step 3: put the sequence in place of the opcode, promoting if the sparse form grows too big.
                var delta = n - op.Length;
                if (delta > 0 && _length + delta > sparseMaxBytes)
                {
                    return Promote(index, count);
                }

                if (delta != 0 && next >= 0)
                {
                    data.AsSpan(next, end - next).CopyTo(data.AsSpan(next + delta));
                }

                _length += delta;
                end += delta;
                data[_length] = 0;
                sequence[..n].CopyTo(data.AsSpan(at));
            }

            MergeAdjacentValues(data, previous >= 0 ? HeaderSize + previous : HeaderSize, end);
            InvalidateCache();
            return 1;
        }

        /// <summary>Step 4: merges adjacent VAL opcodes of equal value, scanning up to five opcodes from the one before the change.</summary>
        private void MergeAdjacentValues(byte[] data, int p, int end)
        {
            var scan = 5;
            while (p < end && scan-- > 0)
            {
                var b = data[p];
                if ((b & 0x80) == 0)
                {
                    p += (b & 0xC0) == XZeroBit ? 2 : 1;
                    continue;
                }

                if (p + 1 < end && (data[p + 1] & 0x80) != 0)
                {
                    var value = ValValue(b);
                    var run = ValRun(b) + ValRun(data[p + 1]);
                    if (value == ValValue(data[p + 1]) && run <= SparseMaxRun)
                    {
                        data[p + 1] = Val(value, run);
                        data.AsSpan(p + 1, end - p - 1).CopyTo(data.AsSpan(p));
                        _length--;
                        end--;
                        data[_length] = 0;
                        continue;
                    }
                }

                p++;
            }
        }

        private int Promote(int index, int count)
        {
            if (!ToDense())
            {
                return -1;
            }

            // The register needs raising, or the sparse form would not have needed changing.
            return DenseRaise(index, count);
        }

        /// <summary>
        /// The data, owned and with room for <paramref name="extra"/> more bytes (the byte past the end kept, as a
        /// reallocation keeps it); marks the sketch changed.
        /// </summary>
        private byte[] Writable(int extra)
        {
            if (!_owned || _data.Length < _length + extra)
            {
                var copy = new byte[_length + extra];
                _data.AsSpan(0, Math.Min(_data.Length, copy.Length)).CopyTo(copy);
                _data = copy;
                _owned = true;
            }

            Changed = true;
            return _data;
        }

        /// <summary>A run of <paramref name="run"/> registers at <paramref name="value"/> (0: ZERO or XZERO) as opcodes; returns the bytes written.</summary>
        private static int WriteRun(Span<byte> target, int value, int run)
        {
            if (value > 0)
            {
                target[0] = Val(value, run);
                return 1;
            }

            if (run > SparseMaxZeroRun)
            {
                WriteXZero(target, 0, run);
                return 2;
            }

            target[0] = (byte)(run - 1);
            return 1;
        }
    }
}
