using AkkaKv.Actors.Runtime;

namespace AkkaKv.Actors;

/// <summary>
/// Base of every actor. Instances are made only by the kernel, from <see cref="Props"/>; the kernel
/// calls one method at a time, so an actor's fields need no locks.
/// </summary>
public abstract class ActorBase
{
    private readonly ActorCell _cell;

    protected ActorBase()
    {
        _cell = ActorCell.TakeConstructingCell()
            ?? throw new InvalidOperationException($"{GetType().Name} must be created by ActorOf from Props, not with 'new'.");
        InitialBehavior = Receive;
    }

    protected IActorContext Context => _cell;

    protected IActorRef Self => _cell;

    protected IActorRef Sender => _cell.CurrentSender;

    internal Action<object> InitialBehavior { get; }

    /// <summary>The initial behaviour; <see cref="Become"/> replaces it, <see cref="Unbecome"/> restores it.</summary>
    protected abstract void Receive(object message);

    protected virtual void PreStart()
    {
    }

    protected virtual void PostStop()
    {
    }

    /// <summary>Runs on the failed instance. By default stops all children, then runs <see cref="PostStop"/>.</summary>
    protected virtual void PreRestart(Exception reason, object? message)
    {
        foreach (var child in Context.Children)
        {
            Context.Stop(child);
        }

        PostStop();
    }

    /// <summary>Runs on the fresh instance. By default runs <see cref="PreStart"/>.</summary>
    protected virtual void PostRestart(Exception reason) => PreStart();

    /// <summary>Decides about this actor's failing children (unless its Props carry a strategy).</summary>
    protected virtual SupervisorStrategy SupervisorStrategy() => Actors.SupervisorStrategy.Default;

    protected void Become(Action<object> behavior) => _cell.Become(behavior);

    protected void Unbecome() => _cell.Unbecome();

    /// <summary>Sets the current message aside until <see cref="UnstashAll"/>.</summary>
    protected void Stash() => _cell.Stash();

    /// <summary>Puts stashed messages back in front of the mailbox, oldest first, before any newer message.</summary>
    protected void UnstashAll() => _cell.UnstashAll();

    /// <summary>Reports a message this actor does not handle; it becomes a <see cref="DeadLetter"/>.</summary>
    protected void Unhandled(object message) => _cell.Unhandled(message);

    internal void AroundPreStart() => PreStart();

    internal void AroundPostStop() => PostStop();

    internal void AroundPreRestart(Exception reason, object? message) => PreRestart(reason, message);

    internal void AroundPostRestart(Exception reason) => PostRestart(reason);

    internal SupervisorStrategy AroundSupervisorStrategy() => SupervisorStrategy();
}
