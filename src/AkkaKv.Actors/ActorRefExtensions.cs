using AkkaKv.Actors.Runtime;

namespace AkkaKv.Actors;

public static class ActorRefExtensions
{
    /// <summary>
    /// Sends <paramref name="message"/> with a temporary sender and completes with the first reply.
    /// Faults with <see cref="AskTimeoutException"/> when none comes in time, with the cause of a
    /// <see cref="Status.Failure"/> reply, and with <see cref="InvalidCastException"/> when the reply is
    /// not a <typeparamref name="T"/> (a <see cref="Status.Success"/> holding one counts).
    /// </summary>
    public static Task<T> Ask<T>(this IActorRef actor, object message, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout <= TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "An Ask timeout must be positive (or infinite).");
        }

        var promise = new PromiseActorRef<T>(actor, timeout);
        promise.StartTimer();
        actor.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>Sends <paramref name="message"/> on behalf of the current message's sender.</summary>
    public static void Forward(this IActorRef actor, object message, IActorContext context)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(context);
        actor.Tell(message, context.Sender);
    }
}
