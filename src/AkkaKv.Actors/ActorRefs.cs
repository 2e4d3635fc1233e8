using AkkaKv.Actors.Runtime;

namespace AkkaKv.Actors;

public static class ActorRefs
{
    /// <summary>
    /// The actor whose message the calling thread is processing, or null on other threads. It is the
    /// implicit sender of a Tell without one; IActorRef implementations outside the kernel (test
    /// probes, adapters) use it to fill the sender in the same way.
    /// </summary>
    public static IActorRef? CurrentSelf => ActorCell.Current;
}
