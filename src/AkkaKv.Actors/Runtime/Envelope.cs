namespace AkkaKv.Actors.Runtime;

/// <summary>A user message and its sender as stored in a mailbox; a struct so enqueueing allocates nothing.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
