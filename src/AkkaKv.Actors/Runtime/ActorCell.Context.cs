namespace AkkaKv.Actors.Runtime;

/// <summary>The cell seen from its actor: <see cref="IActorContext"/> and the ActorBase helpers.</summary>
internal sealed partial class ActorCell : IActorContext
{
    IActorRef IActorContext.Self => this;

    IActorRef IActorContext.Sender => CurrentSender;

    IActorRef? IActorContext.Parent => _parent;

    IEnumerable<IActorRef> IActorContext.Children => ChildrenSnapshot();

    IActorRef IActorContext.ActorOf(Props props, string? name) => CreateChild(props, name);

    void IActorContext.Stop(IActorRef actor)
    {
        if (actor is not ActorCell cell)
        {
            return;
        }

        if (IsChild(cell))
        {
            StopChild(cell);
        }
        else
        {
            // Self (or any other cell): stops after the message being processed, as system messages go first.
            cell.SendSystemMessage(new TerminateActor());
        }
    }

    void IActorContext.Watch(IActorRef subject) => Watch(subject);

    void IActorContext.Unwatch(IActorRef subject) => Unwatch(subject);

    void IActorContext.Become(Action<object> behavior) => Become(behavior);

    void IActorContext.Unbecome() => Unbecome();

    internal void Become(Action<object> behavior)
    {
        ArgumentNullException.ThrowIfNull(behavior);
        _behavior = behavior;
    }

    internal void Unbecome() => _behavior = _actor?.InitialBehavior;

    internal void Unhandled(object message) =>
        _system.DeadLetterRef.Publish(new DeadLetter(message, _currentSender, this));
}
