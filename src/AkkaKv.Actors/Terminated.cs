namespace AkkaKv.Actors;

/// <summary>Delivered to every actor that watches <paramref name="ActorRef"/>, once it has stopped.</summary>
public sealed record Terminated(IActorRef ActorRef);
