namespace AkkaKv.Actors.Runtime;

/// <summary>
/// The temporary sender of an Ask: the first reply completes the task, a timer faults it.
/// Continuations run asynchronously so they never execute on the replying actor's thread.
/// </summary>
internal sealed class PromiseActorRef<T> : IActorRef
{
    private static long _lastId;

    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly IActorRef _target;
    private readonly TimeSpan _timeout;
    private readonly long _id = Interlocked.Increment(ref _lastId);
    private Timer? _timer;

    public PromiseActorRef(IActorRef target, TimeSpan timeout)
    {
        _target = target;
        _timeout = timeout;
    }

    public Task<T> Task => _completion.Task;

    public string Path => $"akka://temp/ask-{_id}";

    public void StartTimer()
    {
        if (_timeout == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        _timer = new Timer(static state => ((PromiseActorRef<T>)state!).OnTimeout(), this, _timeout, Timeout.InfiniteTimeSpan);
        if (_completion.Task.IsCompleted)
        {
            _timer.Dispose(); // the reply beat the timer's creation
        }
    }

    public void Tell(object message, IActorRef? sender = null)
    {
        var completed = message switch
        {
            Status.Failure failure => _completion.TrySetException(failure.Cause),
            T reply => _completion.TrySetResult(reply),
            Status.Success { Value: T value } => _completion.TrySetResult(value),
            _ => _completion.TrySetException(new InvalidCastException(
                $"Ask of {_target.Path} expected a reply of type {typeof(T).Name} but got {message?.GetType().Name ?? "null"}.")),
        };

        if (completed)
        {
            _timer?.Dispose();
        }
    }

    public override string ToString() => Path;

    private void OnTimeout() =>
        _completion.TrySetException(new AskTimeoutException($"Ask of {_target.Path} timed out after {_timeout.TotalMilliseconds} ms."));
}
