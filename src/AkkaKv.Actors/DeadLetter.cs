namespace AkkaKv.Actors;

/// <summary>
/// A message that reached no actor: its recipient had stopped, or the actor left it unhandled.
/// Published on <see cref="ActorSystem.EventStream"/>.
/// </summary>
public sealed record DeadLetter(object Message, IActorRef? Sender, IActorRef Recipient);
