using AkkaKv.Actors.Runtime;

namespace AkkaKv.Actors;

/// <summary>
/// A small publish/subscribe bus: subscribers receive every published event assignable to a type they
/// subscribed to. The kernel publishes <see cref="DeadLetter"/> here. Subscriptions are copy-on-write,
/// so publishing takes no lock.
/// </summary>
public sealed class EventStream
{
    private readonly Lock _writeLock = new();
    private (Type Channel, IActorRef Subscriber)[] _subscriptions = [];

    public bool Subscribe(IActorRef subscriber, Type channel)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        ArgumentNullException.ThrowIfNull(channel);
        lock (_writeLock)
        {
            if (Array.IndexOf(_subscriptions, (channel, subscriber)) >= 0)
            {
                return false;
            }

            _subscriptions = [.. _subscriptions, (channel, subscriber)];
            return true;
        }
    }

    public bool Unsubscribe(IActorRef subscriber, Type channel)
    {
        lock (_writeLock)
        {
            var remaining = Array.FindAll(_subscriptions, s => !(s.Subscriber.Equals(subscriber) && s.Channel == channel));
            var removed = remaining.Length != _subscriptions.Length;
            _subscriptions = remaining;
            return removed;
        }
    }

    /// <summary>Removes every subscription of <paramref name="subscriber"/>.</summary>
    public void Unsubscribe(IActorRef subscriber)
    {
        lock (_writeLock)
        {
            _subscriptions = Array.FindAll(_subscriptions, s => !s.Subscriber.Equals(subscriber));
        }
    }

    public void Publish(object @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        foreach (var (channel, subscriber) in Volatile.Read(ref _subscriptions))
        {
            if (subscriber is ActorCell { IsTerminated: true })
            {
                Unsubscribe(subscriber); // stopped subscribers leave on their own
            }
            else if (channel.IsInstanceOfType(@event))
            {
                subscriber.Tell(@event);
            }
        }
    }
}
