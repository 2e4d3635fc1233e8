using AkkaKv.Actors.Dispatch;

namespace AkkaKv.Actors.Runtime;

/// <summary>Children: creation, names, and stopping. The lock matters only for the guardian, whose
/// ActorOf is called from any thread; other cells take it uncontended.</summary>
internal sealed partial class ActorCell
{
    private readonly Dictionary<string, ActorCell> _children = new(StringComparer.Ordinal);
    private readonly Lock _childrenLock = new();
    private HashSet<ActorCell>? _stoppingChildren;
    private int _lastChildNumber;

    private bool HasStoppingChildren => _stoppingChildren is { Count: > 0 };

    internal ActorCell CreateChild(Props props, string? name)
    {
        ArgumentNullException.ThrowIfNull(props);
        name = name is null ? NextChildName() : ValidateName(name);
        ActorCell child;
        lock (_childrenLock)
        {
            child = new ActorCell(_system, props, this, name);
            if (_terminating)
            {
                // Too late to live: the child is stopped before it is ever created, on no dedicated thread.
                child.SendSystemMessage(new TerminateActor());
                return child;
            }

            if (_children.ContainsKey(name))
            {
                throw new InvalidActorNameException($"Actor name '{name}' is not unique under {Path}.");
            }

            // Bind to a thread before the child is visible, so every turn it ever gets runs there.
            child.Attach(_system.Dispatchers.Lookup(props.Dispatcher ?? DispatcherIds.Default), props.ThreadAffinity);
            _children.Add(name, child);
        }

        child.SendSystemMessage(new CreateActor());
        return child;
    }

    /// <summary>Starts a cell that has no parent (the /user guardian).</summary>
    internal void StartRoot(MessageDispatcher dispatcher)
    {
        Attach(dispatcher, threadAffinity: null);
        SendSystemMessage(new CreateActor());
    }

    internal ActorCell[] ChildrenSnapshot()
    {
        lock (_childrenLock)
        {
            return [.. _children.Values];
        }
    }

    private void Attach(MessageDispatcher dispatcher, int? threadAffinity)
    {
        _dispatcher = dispatcher;
        _throughput = dispatcher.Settings.Throughput;
        _executor = dispatcher.Attach(Name, threadAffinity);
    }

    private bool IsChild(ActorCell cell)
    {
        lock (_childrenLock)
        {
            return _children.TryGetValue(cell.Name, out var child) && ReferenceEquals(child, cell);
        }
    }

    private void StopChild(ActorCell child)
    {
        (_stoppingChildren ??= []).Add(child);
        child.SendSystemMessage(new TerminateActor());
    }

    /// <summary>Stops every child; returns how many there were (0: nothing to wait for).</summary>
    private int StopAllChildren()
    {
        var children = ChildrenSnapshot();
        foreach (var child in children)
        {
            StopChild(child);
        }

        return children.Length;
    }

    private void HandleChildTerminated(ActorCell child)
    {
        int remaining;
        lock (_childrenLock)
        {
            if (!_children.TryGetValue(child.Name, out var registered) || !ReferenceEquals(registered, child))
            {
                return; // a child that was never registered (created while this actor was stopping)
            }

            _children.Remove(child.Name);
            remaining = _children.Count;
        }

        _stoppingChildren?.Remove(child);
        if (ReferenceEquals(_escalatingChild, child))
        {
            _escalatingChild = null;
        }

        if (_terminating)
        {
            if (remaining == 0)
            {
                FinishTerminate();
            }
        }
        else if (_pendingRecreateCause is { } cause && !HasStoppingChildren)
        {
            _pendingRecreateCause = null;
            FinishRecreate(cause);
        }
    }

    private string NextChildName()
    {
        // "$a", "$b", ... "$z", "$ba", ...: short, and never clashes with user names (which cannot start with '$').
        var number = (uint)Interlocked.Increment(ref _lastChildNumber) - 1;
        Span<char> buffer = stackalloc char[8];
        var position = buffer.Length;
        do
        {
            buffer[--position] = (char)('a' + (number % 26));
            number /= 26;
        }
        while (number > 0);
        buffer[--position] = '$';
        return new string(buffer[position..]);
    }

    private static string ValidateName(string name)
    {
        if (name.Length == 0 || name[0] == '$' || name.AsSpan().IndexOfAny("/#? \t\r\n") >= 0)
        {
            throw new InvalidActorNameException($"Invalid actor name '{name}': it must be non-empty, not start with '$', and contain no '/', '#', '?' or whitespace.");
        }

        return name;
    }
}
