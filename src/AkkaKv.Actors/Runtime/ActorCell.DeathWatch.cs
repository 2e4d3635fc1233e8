namespace AkkaKv.Actors.Runtime;

/// <summary>Watch: a terminated actor tells its watchers, which then receive <see cref="Terminated"/>.</summary>
internal sealed partial class ActorCell
{
    private HashSet<ActorCell>? _watchedBy;
    private HashSet<ActorCell>? _watching;

    private void Watch(IActorRef subject)
    {
        if (subject is ActorCell cell && !ReferenceEquals(cell, this) && (_watching ??= []).Add(cell))
        {
            cell.SendSystemMessage(new WatchActor(this));
        }
    }

    private void Unwatch(IActorRef subject)
    {
        if (subject is ActorCell cell && _watching is not null && _watching.Remove(cell))
        {
            cell.SendSystemMessage(new UnwatchActor(this));
        }
    }

    private void AddWatcher(ActorCell watcher)
    {
        if (!ReferenceEquals(watcher, this))
        {
            (_watchedBy ??= []).Add(watcher);
        }
    }

    private void RemoveWatcher(ActorCell watcher) => _watchedBy?.Remove(watcher);

    private void HandleDeathWatchNotification(ActorCell subject)
    {
        // Queued behind the subject's earlier messages to us, which thus arrive before Terminated.
        if (!_terminating && _watching is not null && _watching.Contains(subject))
        {
            Tell(new Terminated(subject), subject);
        }
    }

    /// <summary>True (once) if the actor still watches the subject; an Unwatch since then drops it.</summary>
    private bool IsStillWatching(Terminated terminated) =>
        terminated.ActorRef is ActorCell subject && _watching is not null && _watching.Remove(subject);

    private void NotifyWatchersAndUnwatchAll()
    {
        if (_watchedBy is not null)
        {
            foreach (var watcher in _watchedBy)
            {
                watcher.SendSystemMessage(new DeathWatchNotification(this));
            }

            _watchedBy = null;
        }

        if (_watching is not null)
        {
            foreach (var subject in _watching)
            {
                subject.SendSystemMessage(new UnwatchActor(this));
            }

            _watching = null;
        }
    }
}
