using System.Buffers;

namespace AkkaKv.Storage;

/// <summary>
/// A sorted set as Redis's t_zset.c keeps one. Small sets are a "listpack": the elements in order in one byte
/// array, an element costing its member's bytes plus 3 to 11. Past zset-max-listpack-entries
/// or zset-max-listpack-value it becomes a "skiplist" for good: a <see cref="DenseTable{TItem, TKeyOf}"/> from
/// member to score (lookups, ZSCAN, random picks) beside a <see cref="ZSetTree"/> that keeps the order and the ranks.
/// Elements are ordered by score, then by member bytes. Protocol-free.
/// </summary>
public sealed partial class SortedSetValue : IExpiringMembers
{
    private const int MaxListpackReservation = 64 * 1024;
    private const int MaxStackMemberLength = 256;

    private static readonly byte[] RemoveCommandName = "ZREM"u8.ToArray();

    // Listpack encoding (_tree is null): _count elements in _blob's first _used bytes.
    private byte[] _blob = [];
    private int _used;
    private int _count;

    // Skiplist encoding: both hold every element, sharing the member arrays.
    private DenseTable<ZSetMember, ZSetMemberKey>? _table;
    private ZSetTree? _tree;

    private MemberDeadlines? _deadlines;

    private SortedSetValue()
    {
    }

    public DataType Type => DataType.ZSet;

    public ReadOnlySpan<byte> Encoding => _tree is null ? "listpack"u8 : "skiplist"u8;

    public long Count => Size;

    public bool IsListpack => _tree is null;

    public MemberDeadlines? Deadlines => _deadlines;

    public byte[] RemoveCommand => RemoveCommandName;

    private int Size => _tree is null ? _count : _tree.Count;

    /// <summary>
    /// A new empty set in the encoding Redis's zsetTypeCreate picks: a listpack when about <paramref name="sizeHint"/>
    /// elements of about <paramref name="memberLengthHint"/> bytes fit one, else the big encoding at once.
    /// </summary>
    public static SortedSetValue Create(int sizeHint, int memberLengthHint, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        var value = new SortedSetValue();
        if (sizeHint <= limits.ZSetMaxListpackEntries && memberLengthHint <= limits.ZSetMaxListpackValue)
        {
            // Room for that many such members with small integral scores: exact for the usual small set. Only a
            // hint, so capped: configured limits may be far beyond any set that is really built.
            value.ReserveListpackBytes((int)Math.Min((long)sizeHint * (memberLengthHint + 3), MaxListpackReservation));
        }
        else
        {
            value.ConvertToSkiplist(sizeHint);
        }

        return value;
    }

    /// <summary>
    /// A set holding exactly <paramref name="members"/> (distinct members; the list is sorted in place), a listpack
    /// when they fit one. This is the encoding Redis ends with after ZUNIONSTORE and friends or ZRANGESTORE.
    /// </summary>
    public static SortedSetValue FromMembers(List<ZSetMember> members, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(limits);
        members.Sort(static (a, b) => ZSetOrder.Compare(a, b));
        var longest = 0;
        foreach (var member in members) longest = Math.Max(longest, member.Member.Length);
        var value = Create(members.Count, longest, limits);
        foreach (var member in members)
        {
            if (value._tree is null) value.ListpackInsertAt(value._used, member.Member, member.Score);
            else value.SkiplistInsert(member.Member, member.Score);
        }

        return value;
    }

    /// <summary>
    /// Before adding about <paramref name="sizeHint"/> elements at once: converts a listpack that many elements would
    /// outgrow, as Redis's zsetTypeMaybeConvert does (even when some of them turn out to exist already).
    /// </summary>
    public void PrepareForAdding(int sizeHint, CollectionLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (_tree is null && sizeHint > limits.ZSetMaxListpackEntries) ConvertToSkiplist(sizeHint);
    }

    public bool TryGetScore(ReadOnlySpan<byte> member, out double score)
    {
        if (_tree is null) return ListpackFind(member, out score, out _) >= 0;

        var slot = _table!.IndexOf(member);
        score = slot >= 0 ? _table[slot].Score : 0;
        return slot >= 0;
    }

    public bool Contains(ReadOnlySpan<byte> member) => TryGetScore(member, out _);

    /// <summary>Adds a member or sets its score, as a plain ZADD does.</summary>
    public ZAddResult Add(ReadOnlySpan<byte> member, double score, CollectionLimits limits) =>
        Add(member, score, ZAddFlags.None, limits, out _);

    /// <summary>
    /// Redis's zsetAdd: adds or updates a member under ZADD's conditions. <paramref name="newScore"/> is the member's
    /// score afterwards when it was added, updated or unchanged. The set may leave the listpack encoding.
    /// </summary>
    public ZAddResult Add(ReadOnlySpan<byte> member, double score, ZAddFlags flags, CollectionLimits limits, out double newScore)
    {
        ArgumentNullException.ThrowIfNull(limits);
        newScore = score;
        if (double.IsNaN(score)) return ZAddResult.NotANumber;

        var current = 0.0;
        var offset = 0;
        var index = _tree is null ? ListpackFind(member, out current, out offset) : _table!.IndexOf(member);
        if (index >= 0)
        {
            if ((flags & ZAddFlags.Nx) != 0) return ZAddResult.Skipped;
            if (_tree is not null) current = _table![index].Score;
            if ((flags & ZAddFlags.Incr) != 0)
            {
                score += current;
                if (double.IsNaN(score)) return ZAddResult.NotANumber;
            }

            if (((flags & ZAddFlags.Lt) != 0 && score >= current) || ((flags & ZAddFlags.Gt) != 0 && score <= current))
            {
                return ZAddResult.Skipped;
            }

            newScore = score;
            if (score == current) return ZAddResult.Unchanged;
            ChangeScore(index, offset, current, score);
            return ZAddResult.Updated;
        }

        if ((flags & ZAddFlags.Xx) != 0) return ZAddResult.Skipped;
        newScore = score;
        if (_tree is null)
        {
            if (_count + 1 <= limits.ZSetMaxListpackEntries && member.Length <= limits.ZSetMaxListpackValue)
            {
                ListpackInsert(member, score);
                return ZAddResult.Added;
            }

            ConvertToSkiplist(_count + 1);
        }

        SkiplistInsert(member.ToArray(), score);
        return ZAddResult.Added;
    }

    /// <summary>Removes a member (and its deadline); false when absent.</summary>
    public bool Remove(ReadOnlySpan<byte> member)
    {
        if (!RemoveMember(member)) return false;
        ForgetDeadline(member);
        return true;
    }

    public ICollectionValue Clone()
    {
        var copy = new SortedSetValue { _deadlines = _deadlines?.Clone() };
        if (_tree is null)
        {
            copy._blob = _blob[.._used];
            copy._used = _used;
            copy._count = _count;
            return copy;
        }

        copy.ConvertToSkiplist(_tree.Count);
        for (var leaf = _tree.FirstLeaf; leaf is not null; leaf = leaf.Next)
        {
            // Member arrays are never changed once stored, so the copy may share them.
            for (var i = 0; i < leaf.Length; i++) copy.SkiplistInsert(leaf.Items[i].Member, leaf.Items[i].Score);
        }

        return copy;
    }

    /// <summary>Checks the big encoding's tree invariants (for tests).</summary>
    internal void ValidateStructure() => _tree?.Validate();

    /// <summary>Removes a member from the encodings without touching its deadline.</summary>
    private bool RemoveMember(ReadOnlySpan<byte> member)
    {
        if (_tree is null)
        {
            if (ListpackFind(member, out _, out var offset) < 0) return false;
            ListpackRemoveBytes(offset, ListpackNext(offset), 1);
            return true;
        }

        var slot = _table!.IndexOf(member);
        if (slot < 0) return false;
        var score = _table[slot].Score;
        _table.RemoveAt(slot);
        _tree.Remove(score, member);
        return true;
    }

    /// <summary>Gives an existing member (table slot, or listpack element at <paramref name="offset"/>) a new score.</summary>
    private void ChangeScore(int index, int offset, double current, double score)
    {
        if (_tree is null)
        {
            // The member is set aside while its entry moves; on the stack when it is as short as listpack members
            // usually are, so a score update allocates nothing.
            ReadEntry(offset, out _, out var memberStart, out var memberLength);
            var rented = memberLength > MaxStackMemberLength ? ArrayPool<byte>.Shared.Rent(memberLength) : null;
            var member = (rented is null ? stackalloc byte[MaxStackMemberLength] : rented)[..memberLength];
            _blob.AsSpan(memberStart, memberLength).CopyTo(member);
            ListpackRemoveBytes(offset, memberStart + memberLength, 1);
            ListpackInsert(member, score);
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
            return;
        }

        var stored = _table![index].Member;
        _table[index] = new ZSetMember(stored, score);
        _tree.Remove(current, stored);
        _tree.Insert(new ZSetMember(stored, score));
    }

    private void SkiplistInsert(byte[] member, double score)
    {
        var item = new ZSetMember(member, score);
        _table!.Add(item);
        _tree!.Insert(item);
    }

    /// <summary>Moves the elements into the big encoding, sized for <paramref name="capacity"/> elements.</summary>
    private void ConvertToSkiplist(int capacity)
    {
        var table = new DenseTable<ZSetMember, ZSetMemberKey>(Math.Max(capacity, _count));
        var tree = new ZSetTree();
        for (int i = 0, offset = 0; i < _count; i++)
        {
            var entry = ReadEntryAt(offset, out offset);
            var item = new ZSetMember(entry.Member.ToArray(), entry.Score);
            table.Add(item);
            tree.Insert(item);
        }

        _table = table;
        _tree = tree;
        _blob = [];
        _used = 0;
        _count = 0;
    }
}
