namespace AkkaKv.Actors;

/// <summary>The actor's view of itself and its surroundings; use it only on the actor's own thread.</summary>
public interface IActorContext
{
    IActorRef Self { get; }

    /// <summary>The sender of the current message; <see cref="ActorSystem.DeadLetters"/> when there is none.</summary>
    IActorRef Sender { get; }

    /// <summary>Null only for the /user guardian.</summary>
    IActorRef? Parent { get; }

    ActorSystem System { get; }

    Props Props { get; }

    IActorRef ActorOf(Props props, string? name = null);

    /// <summary>Stops a child (or Self) after the message it is processing.</summary>
    void Stop(IActorRef child);

    IEnumerable<IActorRef> Children { get; }

    /// <summary>Delivers <see cref="Terminated"/> when <paramref name="subject"/> stops (at once if it already has).</summary>
    void Watch(IActorRef subject);

    /// <summary>After this, no <see cref="Terminated"/> for <paramref name="subject"/> is delivered, even one already queued.</summary>
    void Unwatch(IActorRef subject);

    void Become(Action<object> behavior);

    void Unbecome();
}
