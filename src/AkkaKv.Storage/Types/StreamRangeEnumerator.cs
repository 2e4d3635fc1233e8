namespace AkkaKv.Storage;

/// <summary>
/// The live entries of a stream between two IDs (inclusive), ascending or descending. Deleted entries are skipped.
/// The stream must not change while this runs.
/// </summary>
public struct StreamRangeEnumerator
{
    private readonly StreamValue _stream;
    private readonly StreamId _start;
    private readonly StreamId _end;
    private readonly bool _reverse;
    private int _node;
    private int _offset;
    private int[] _offsets;
    private int _position;
    private bool _done;

    internal StreamRangeEnumerator(StreamValue stream, StreamId start, StreamId end, bool reverse)
    {
        _stream = stream;
        _start = start;
        _end = end;
        _reverse = reverse;
        _offsets = [];
        Current = default;
        if (reverse)
        {
            // Every entry of a node is at least its master ID: nodes starting after the end hold nothing wanted.
            _node = stream.FindNode(end);
            _done = _node < 0;
            if (!_done) _position = stream.NodeAt(_node).CollectOffsets(ref _offsets);
        }
        else
        {
            _node = Math.Max(0, stream.FindNode(start));
            _done = stream.NodeCount == 0;
            if (!_done) _offset = stream.NodeAt(_node).EntriesStart;
        }
    }

    public StreamEntry Current { get; private set; }

    public readonly StreamRangeEnumerator GetEnumerator() => this;

    public bool MoveNext() => _reverse ? MoveBackward() : MoveForward();

    private bool MoveForward()
    {
        while (!_done)
        {
            var node = _stream.NodeAt(_node);
            if (_offset >= node.Length)
            {
                if (++_node >= _stream.NodeCount) break;
                _offset = _stream.NodeAt(_node).EntriesStart;
                continue;
            }

            var entry = node.ReadEntry(_offset, out _offset);
            if (entry.IsDeleted || entry.Id < _start) continue;
            if (entry.Id > _end) break;
            Current = entry;
            return true;
        }

        _done = true;
        return false;
    }

    private bool MoveBackward()
    {
        while (!_done)
        {
            if (_position == 0)
            {
                if (--_node < 0) break;
                _position = _stream.NodeAt(_node).CollectOffsets(ref _offsets);
                continue;
            }

            var entry = _stream.NodeAt(_node).ReadEntry(_offsets[--_position], out _);
            if (entry.IsDeleted || entry.Id > _end) continue;
            if (entry.Id < _start) break;
            Current = entry;
            return true;
        }

        _done = true;
        return false;
    }
}
