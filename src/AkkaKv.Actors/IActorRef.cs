namespace AkkaKv.Actors;

/// <summary>An address to send messages to; safe to use from any thread.</summary>
public interface IActorRef
{
    /// <summary>
    /// Enqueues <paramref name="message"/> for the actor. Without an explicit sender, a Tell made from
    /// inside an actor carries that actor as the sender; from any other thread it carries none.
    /// </summary>
    void Tell(object message, IActorRef? sender = null);

    /// <summary>The actor's path, e.g. <c>akka://name/user/parent/child</c>.</summary>
    string Path { get; }
}
