namespace AkkaKv.Actors.Runtime;

/// <summary>The /user guardian: parent of every actor made with ActorSystem.ActorOf; supervises with the default strategy.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected override void Receive(object message) => Unhandled(message);
}
