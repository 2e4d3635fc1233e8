namespace AkkaKv.Actors.Runtime;

/// <summary>The mailbox: user and system queues, scheduling, and one turn of processing.</summary>
internal sealed partial class ActorCell
{
    // Lock-free LIFO of pending system messages (reversed when drained); Closed once terminated.
    private SystemMessage? _systemHead;

    void IThreadPoolWorkItem.Execute() => Run();

    /// <summary>
    /// One turn: all system messages, then up to <c>throughput</c> user messages (system messages are
    /// re-checked after each one), then the turn ends and is re-requested if work remains.
    /// </summary>
    internal void Run()
    {
        var previous = _current;
        _current = this;
        try
        {
            if (Volatile.Read(ref _systemHead) is not null)
            {
                ProcessSystemMessages();
            }

            if (!_isTerminated)
            {
                ProcessUserMessages();
            }

            if (_isTerminated)
            {
                DrainMailboxToDeadLetters();
            }
        }
        catch (Exception ex)
        {
            // Actor code cannot get here (Invoke catches); this guards the kernel's own invariants.
            _system.ReportFailure($"Kernel error while running {Path}: {ex}");
        }
        finally
        {
            _current = previous;
        }

        // Full fence, then re-check: a producer that saw _scheduled == 1 relies on us to see its message.
        Interlocked.Exchange(ref _scheduled, 0);
        if (HasPendingWork())
        {
            TrySchedule();
        }
    }

    internal void SendSystemMessage(SystemMessage message)
    {
        while (true)
        {
            var head = Volatile.Read(ref _systemHead);
            if (ReferenceEquals(head, SystemMessage.Closed))
            {
                HandleAfterDeath(message);
                return;
            }

            message.Next = head;
            if (ReferenceEquals(Interlocked.CompareExchange(ref _systemHead, message, head), head))
            {
                break;
            }
        }

        TrySchedule();
    }

    private void TrySchedule()
    {
        if (Interlocked.CompareExchange(ref _scheduled, 1, 0) == 0)
        {
            _executor.Schedule(this);
        }
    }

    private bool HasPendingWork()
    {
        var head = Volatile.Read(ref _systemHead);
        if (head is not null && !ReferenceEquals(head, SystemMessage.Closed))
        {
            return true;
        }

        if (_isTerminated)
        {
            return !_mailbox.IsEmpty;
        }

        return !_suspended && (HasUnstashed || !_mailbox.IsEmpty);
    }

    private void ProcessUserMessages()
    {
        var remaining = _throughput;
        while (!_suspended)
        {
            if (!TryTakeUnstashed(out var envelope) && !_mailbox.TryDequeue(out envelope))
            {
                return;
            }

            Invoke(envelope);
            if (Volatile.Read(ref _systemHead) is not null)
            {
                ProcessSystemMessages();
            }

            if (--remaining == 0)
            {
                return;
            }
        }
    }

    private void Invoke(Envelope envelope)
    {
        var message = envelope.Message;
        _currentMessage = message;
        _currentSender = envelope.Sender;
        _currentStashed = false;
        try
        {
            if (message is PoisonPill)
            {
                SendSystemMessage(new TerminateActor());
            }
            else if (message is Kill)
            {
                throw new ActorKilledException($"{Path} was killed by a Kill message.");
            }
            else if (message is Terminated terminated)
            {
                if (IsStillWatching(terminated))
                {
                    _behavior!(message);
                }
            }
            else
            {
                _behavior!(message);
            }
        }
        catch (Exception ex)
        {
            HandleInvokeFailure(ex);
        }
        finally
        {
            _currentMessage = null;
            _currentSender = null;
        }
    }

    private void ProcessSystemMessages()
    {
        while (!_isTerminated)
        {
            var list = Interlocked.Exchange(ref _systemHead, null);
            if (list is null)
            {
                return;
            }

            for (var message = Reverse(list); message is not null;)
            {
                var next = message.Next;
                message.Next = null;
                if (_isTerminated)
                {
                    HandleAfterDeath(message);
                }
                else
                {
                    HandleSystemMessage(message);
                }

                message = next;
            }
        }
    }

    private void HandleSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case CreateActor:
                HandleCreate();
                break;
            case RecreateActor recreate:
                HandleRecreate(recreate.Cause);
                break;
            case ResumeActor:
                HandleResume();
                break;
            case TerminateActor:
                HandleTerminate();
                break;
            case ChildFailed failed:
                HandleChildFailed(failed.Child, failed.Cause);
                break;
            case ChildTerminated terminated:
                HandleChildTerminated(terminated.Child);
                break;
            case WatchActor watch:
                AddWatcher(watch.Watcher);
                break;
            case UnwatchActor unwatch:
                RemoveWatcher(unwatch.Watcher);
                break;
            case DeathWatchNotification notification:
                HandleDeathWatchNotification(notification.Subject);
                break;
        }
    }

    /// <summary>What a dead cell does with a system message: only watchers deserve an answer.</summary>
    private void HandleAfterDeath(SystemMessage message)
    {
        if (message is WatchActor watch)
        {
            watch.Watcher.SendSystemMessage(new DeathWatchNotification(this));
        }
    }

    /// <summary>Closes the system queue for good; what was still in it is answered as after death.</summary>
    private void CloseSystemQueue()
    {
        var rest = Interlocked.Exchange(ref _systemHead, SystemMessage.Closed);
        for (var message = Reverse(rest); message is not null;)
        {
            var next = message.Next;
            message.Next = null;
            HandleAfterDeath(message);
            message = next;
        }
    }

    private void DrainMailboxToDeadLetters()
    {
        while (_mailbox.TryDequeue(out var envelope))
        {
            _system.DeadLetterRef.Publish(new DeadLetter(envelope.Message, envelope.Sender, this));
        }
    }

    private static SystemMessage? Reverse(SystemMessage? list)
    {
        SystemMessage? reversed = null;
        while (list is not null && !ReferenceEquals(list, SystemMessage.Closed))
        {
            var next = list.Next;
            list.Next = reversed;
            reversed = list;
            list = next;
        }

        return reversed;
    }
}
