namespace AkkaKv.Actors.Runtime;

/// <summary>
/// Stash: messages set aside, later put back in front of the mailbox. The mailbox queue cannot be
/// prepended to, so unstashed messages wait in a private queue that is read before it.
/// </summary>
internal sealed partial class ActorCell
{
    private List<Envelope>? _stash;
    private Queue<Envelope>? _unstashed;
    private bool _currentStashed;

    private bool HasUnstashed => _unstashed is { Count: > 0 };

    internal void Stash()
    {
        if (_currentMessage is null)
        {
            throw new InvalidOperationException("Stash can only be called while processing a message.");
        }

        if (_currentStashed)
        {
            throw new InvalidOperationException("The current message is already stashed.");
        }

        _currentStashed = true;
        (_stash ??= []).Add(new Envelope(_currentMessage, _currentSender));
    }

    internal void UnstashAll()
    {
        if (_stash is not { Count: > 0 })
        {
            return;
        }

        if (HasUnstashed)
        {
            // Stashed messages are older than those still waiting from an earlier UnstashAll.
            var merged = new Queue<Envelope>(_stash.Count + _unstashed!.Count);
            foreach (var envelope in _stash)
            {
                merged.Enqueue(envelope);
            }

            foreach (var envelope in _unstashed)
            {
                merged.Enqueue(envelope);
            }

            _unstashed = merged;
        }
        else
        {
            _unstashed ??= new Queue<Envelope>(_stash.Count);
            foreach (var envelope in _stash)
            {
                _unstashed.Enqueue(envelope);
            }
        }

        _stash.Clear();
    }

    private bool TryTakeUnstashed(out Envelope envelope)
    {
        if (_unstashed is { Count: > 0 })
        {
            envelope = _unstashed.Dequeue();
            return true;
        }

        envelope = default;
        return false;
    }

    private void DropStashToDeadLetters()
    {
        UnstashAll();
        while (TryTakeUnstashed(out var envelope))
        {
            _system.DeadLetterRef.Publish(new DeadLetter(envelope.Message, envelope.Sender, this));
        }
    }
}
