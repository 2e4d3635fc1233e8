namespace AkkaKv.Storage;

/// <summary>
/// A set (Redis's t_set.c): unique byte-string members, optionally with a deadline per member (KeyDB's
/// EXPIREMEMBER). Protocol-free.
/// </summary>
/// <remarks>
/// Three forms, as Redis 7.2 has them, and the same one-way conversions: "intset", a sorted array of integers
/// 2, 4 or 8 bytes wide while every member is an integer in canonical form and there are at most
/// set-max-intset-entries; "listpack", one packed byte array scanned linearly for small sets of any members; and
/// "hashtable", a <see cref="DenseTable{TItem, TKeyOf}"/> of the members' arrays. Only SPOP, which in Redis rebuilds a
/// mostly popped set from its few remaining members, and SINTERSTORE's integer-only results go back to a smaller form.
/// </remarks>
public sealed partial class SetValue : IExpiringMembers
{
    /// <summary>Redis's intsetMaxEntries cap (intset internals).</summary>
    private const int IntsetHardLimit = 1 << 30;

    /// <summary>Redis's LISTPACK_MAX_SAFETY_SIZE: a listpack never grows past 1 GB.</summary>
    private const long ListpackSafetyLimit = 1L << 30;

    private SetEncoding _encoding;

    // Intset: _count integers of _width bytes, little-endian, ascending. Listpack: _count length-prefixed entries in
    // _data[0.._length). One array serves both forms, so a small set is one object plus one array.
    private byte[]? _data;
    private int _count;
    private int _length;
    private byte _width;
    private DenseTable<byte[], WholeItemKey>? _table;
    private MemberDeadlines? _deadlines;

    private SetValue(SetEncoding encoding)
    {
        _encoding = encoding;
        _width = sizeof(short);
    }

    private SetValue(SetValue source)
    {
        _encoding = source._encoding;
        _data = source._data?.AsSpan(0, source._length).ToArray();
        _count = source._count;
        _length = source._length;
        _width = source._width;
        _table = source._table?.Clone();
        _deadlines = source._deadlines?.Clone();
    }

    private enum SetEncoding : byte
    {
        Intset,
        Listpack,
        Hashtable,
    }

    public DataType Type => DataType.Set;

    public ReadOnlySpan<byte> Encoding => _encoding switch
    {
        SetEncoding.Intset => "intset"u8,
        SetEncoding.Listpack => "listpack"u8,
        _ => "hashtable"u8,
    };

    public long Count => _table?.Count ?? _count;

    /// <summary>
    /// An empty set ready for about <paramref name="sizeHint"/> members, the first being <paramref name="first"/>
    /// (Redis's setTypeCreate): an intset when that member is an integer and the hint fits one, else a listpack when
    /// the hint fits one, else a hashtable sized for the hint. Add the members afterwards.
    /// </summary>
    public static SetValue Create(ReadOnlySpan<byte> first, long sizeHint, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (sizeHint <= limits.SetMaxIntsetEntries && StringValue.TryParseInteger(first, out _))
        {
            return new SetValue(SetEncoding.Intset);
        }

        if (sizeHint <= limits.SetMaxListpackEntries)
        {
            return new SetValue(SetEncoding.Listpack);
        }

        var set = new SetValue(SetEncoding.Hashtable);
        set._table = new DenseTable<byte[], WholeItemKey>((int)Math.Min(sizeHint, 1 << 20));
        return set;
    }

    /// <summary>
    /// Before adding <paramref name="sizeHint"/> members to an existing set (Redis's setTypeMaybeConvert): a compact
    /// set that many members could not fit converts at once, even if some of them turn out to be present already.
    /// </summary>
    public void Reserve(long sizeHint, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if ((_encoding == SetEncoding.Listpack && sizeHint > limits.SetMaxListpackEntries)
            || (_encoding == SetEncoding.Intset && sizeHint > limits.SetMaxIntsetEntries))
        {
            ConvertToTable((int)Math.Min(sizeHint, 1 << 20));
        }
    }

    /// <summary>Adds a member (copied); false when it was present already. Converts as Redis's setTypeAddAux does.</summary>
    public bool Add(ReadOnlySpan<byte> member, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        switch (_encoding)
        {
            case SetEncoding.Hashtable:
                return AddToTable(member);

            case SetEncoding.Listpack:
                if (FindPacked(member) >= 0)
                {
                    return false;
                }

                if (_count < limits.SetMaxListpackEntries && member.Length <= limits.SetMaxListpackValue
                    && _length + PackedSize(member.Length) <= ListpackSafetyLimit)
                {
                    AppendPacked(member);
                }
                else
                {
                    ConvertToTable(_count + 1);
                    _table!.Add(member.ToArray());
                }

                return true;

            default:
                return AddToIntset(member, limits);
        }
    }

    /// <summary>Removes a member and its deadline (SREM); false when it was absent.</summary>
    public bool Remove(ReadOnlySpan<byte> member)
    {
        if (!RemoveMember(member))
        {
            return false;
        }

        ForgetDeadline(member);
        return true;
    }

    public bool Contains(ReadOnlySpan<byte> member) => _encoding switch
    {
        SetEncoding.Hashtable => _table!.IndexOf(member) >= 0,
        SetEncoding.Listpack => FindPacked(member) >= 0,
        _ => StringValue.TryParseInteger(member, out var value) && FindInt(value) >= 0,
    };

    public ICollectionValue Clone() => new SetValue(this);

    /// <summary>Redis's xorObjectDigest for sets: the SHA1 of each member XORed in, so the order does not matter.</summary>
    public void MixDigest(Span<byte> digest)
    {
        foreach (var member in this)
        {
            KeyDigest.Xor(digest, member);
        }
    }

    private bool AddToTable(ReadOnlySpan<byte> member)
    {
        var table = _table!;
        if (table.IndexOf(member) >= 0)
        {
            return false;
        }

        table.Add(member.ToArray());
        return true;
    }

    private bool AddToIntset(ReadOnlySpan<byte> member, CollectionLimits limits)
    {
        if (StringValue.TryParseInteger(member, out var value))
        {
            if (!InsertInt(value))
            {
                return false;
            }

            if (_count > IntsetMaxEntries(limits))
            {
                ConvertToTable(_count);
            }

            return true;
        }

        // Redis checks that every integer, written out, would fit a listpack entry: its longest is the min or the max.
        var longest = _count == 0 ? 0 : Math.Max(DigitsOf(IntAt(0)), DigitsOf(IntAt(_count - 1)));
        if (_count < limits.SetMaxListpackEntries && member.Length <= limits.SetMaxListpackValue
            && longest <= limits.SetMaxListpackValue
            && (long)_count * PackedSize(longest) + PackedSize(member.Length) <= ListpackSafetyLimit)
        {
            ConvertIntsetToListpack();
            AppendPacked(member);
        }
        else
        {
            ConvertToTable(_count + 1);
            _table!.Add(member.ToArray());
        }

        return true;
    }

    /// <summary>Removes a member without touching the deadlines.</summary>
    private bool RemoveMember(ReadOnlySpan<byte> member)
    {
        switch (_encoding)
        {
            case SetEncoding.Hashtable:
                return _table!.Remove(member);
            case SetEncoding.Listpack:
                var offset = FindPacked(member);
                if (offset < 0)
                {
                    return false;
                }

                RemovePackedAt(offset);
                return true;
            default:
                if (!StringValue.TryParseInteger(member, out var value))
                {
                    return false;
                }

                var index = FindInt(value);
                if (index < 0)
                {
                    return false;
                }

                RemoveIntAt(index);
                return true;
        }
    }

    private static int IntsetMaxEntries(CollectionLimits limits) => Math.Min(limits.SetMaxIntsetEntries, IntsetHardLimit);

    /// <summary>Characters of the decimal text of a value, its sign included (Redis's sdigits10).</summary>
    private static int DigitsOf(long value)
    {
        var digits = value < 0 ? 2 : 1;
        var rest = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        while (rest >= 10)
        {
            rest /= 10;
            digits++;
        }

        return digits;
    }

    /// <summary>Converts to a hashtable with room for <paramref name="capacity"/> members.</summary>
    private void ConvertToTable(int capacity)
    {
        var table = new DenseTable<byte[], WholeItemKey>(Math.Max(capacity, _count));
        foreach (var member in this)
        {
            table.Add(member.ToArray());
        }

        _table = table;
        _data = null;
        _count = 0;
        _length = 0;
        _encoding = SetEncoding.Hashtable;
    }

    private void ConvertIntsetToListpack()
    {
        var count = _count;
        var ints = new long[count];
        for (var i = 0; i < count; i++)
        {
            ints[i] = IntAt(i);
        }

        _data = null;
        _count = 0;
        _length = 0;
        _encoding = SetEncoding.Listpack;
        Span<byte> text = stackalloc byte[MaxIntegerText];
        foreach (var value in ints)
        {
            AppendPacked(FormatInt(value, text));
        }
    }

    /// <summary>
    /// SINTERSTORE's last step: a result whose members are all integers becomes an intset when it fits one, whatever
    /// form it grew into (Redis's maybeConvertToIntset).
    /// </summary>
    private void ConvertToIntsetIfFits(CollectionLimits limits)
    {
        if (_encoding == SetEncoding.Intset || Count > IntsetMaxEntries(limits))
        {
            return;
        }

        var ints = new long[Count];
        var i = 0;
        foreach (var member in this)
        {
            StringValue.TryParseInteger(member, out ints[i++]);
        }

        Array.Sort(ints);
        _table = null;
        _encoding = SetEncoding.Intset;
        LoadSortedInts(ints);
    }

    /// <summary>Takes over another set's members and form (SPOP's rebuild); the deadlines stay this set's.</summary>
    private void TakeContentOf(SetValue other)
    {
        _encoding = other._encoding;
        _data = other._data;
        _count = other._count;
        _length = other._length;
        _width = other._width;
        _table = other._table;
    }
}
