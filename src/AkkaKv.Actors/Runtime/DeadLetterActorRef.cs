namespace AkkaKv.Actors.Runtime;

/// <summary>Where messages without a live recipient go: published as <see cref="DeadLetter"/>, the first few logged.</summary>
internal sealed class DeadLetterActorRef(ActorSystem system) : IActorRef
{
    private int _logged;

    public string Path { get; } = $"akka://{system.Name}/deadLetters";

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        Publish(message as DeadLetter ?? new DeadLetter(message, sender ?? ActorCell.Current, this));
    }

    public void Publish(DeadLetter deadLetter)
    {
        // A dead letter about a dead letter (a subscriber that stopped) would loop forever.
        if (deadLetter.Message is DeadLetter)
        {
            return;
        }

        LogIfWanted(deadLetter);
        system.EventStream.Publish(deadLetter);
    }

    public override string ToString() => Path;

    private void LogIfWanted(DeadLetter deadLetter)
    {
        var settings = system.Settings;
        if (settings.LogDeadLetters <= 0 || (system.IsTerminating && !settings.LogDeadLettersDuringShutdown))
        {
            return;
        }

        var count = Interlocked.Increment(ref _logged);
        if (count > settings.LogDeadLetters)
        {
            return;
        }

        var sender = deadLetter.Sender?.Path ?? "no sender";
        var note = count == settings.LogDeadLetters ? " (no more dead letters will be logged)" : "";
        system.ReportFailure($"Dead letter: {deadLetter.Message.GetType().Name} from {sender} to {deadLetter.Recipient.Path}{note}");
    }
}
