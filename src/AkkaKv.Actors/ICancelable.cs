namespace AkkaKv.Actors;

/// <summary>A handle to something scheduled; cancelling is idempotent and thread-safe.</summary>
public interface ICancelable
{
    void Cancel();

    bool IsCancellationRequested { get; }
}
