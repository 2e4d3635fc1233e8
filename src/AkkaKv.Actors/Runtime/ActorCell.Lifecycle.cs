namespace AkkaKv.Actors.Runtime;

/// <summary>Creation, restart, resumption and termination of the actor instance.</summary>
internal sealed partial class ActorCell
{
    private object? _failedMessage;

    // Set while a restart waits for the children that PreRestart stopped.
    private Exception? _pendingRecreateCause;

    private void HandleCreate()
    {
        if (_terminating || _actor is not null)
        {
            return;
        }

        if (TryCreateInstance(restartCause: null))
        {
            _suspended = false;
        }
    }

    private void HandleRecreate(Exception cause)
    {
        if (_terminating)
        {
            return;
        }

        var failed = _actor;
        if (failed is not null)
        {
            try
            {
                failed.AroundPreRestart(cause, _failedMessage);
            }
            catch (Exception ex)
            {
                _system.ReportFailure($"{Path}: PreRestart threw; restarting anyway.{Environment.NewLine}{ex}");
            }
        }

        _failedMessage = null;
        _escalatingChild = null;
        _actor = null;
        _behavior = null;
        _supervisorStrategy = null;

        // As Akka's Stash does on restart: stashed messages go back in front, for the new instance.
        UnstashAll();

        if (HasStoppingChildren)
        {
            _pendingRecreateCause = cause;
        }
        else
        {
            FinishRecreate(cause);
        }
    }

    private void FinishRecreate(Exception cause)
    {
        if (!TryCreateInstance(cause))
        {
            return;
        }

        _suspended = false;

        // Children that PreRestart chose to keep are restarted along with their parent.
        foreach (var survivor in ChildrenSnapshot())
        {
            survivor.SendSystemMessage(new RecreateActor(cause));
        }
    }

    private void HandleResume()
    {
        if (_terminating)
        {
            return;
        }

        _failedMessage = null;

        // There is nothing to resume after a failed initialisation: try creating it again instead.
        if (_actor is null && !TryCreateInstance(restartCause: null))
        {
            return;
        }

        _suspended = false;
        ResumeEscalatingChild();
    }

    /// <summary>Builds an instance from Props and runs PreStart (or PostRestart); a throw is an initialisation failure.</summary>
    private bool TryCreateInstance(Exception? restartCause)
    {
        ActorBase instance;
        try
        {
            _behavior = null;
            _constructing = this;
            try
            {
                instance = Props.NewActor();
            }
            finally
            {
                _constructing = null;
            }

            _actor = instance;
            _behavior ??= instance.InitialBehavior; // unless the constructor called Become
            if (restartCause is null)
            {
                instance.AroundPreStart();
            }
            else
            {
                instance.AroundPostRestart(restartCause);
            }

            return true;
        }
        catch (Exception ex)
        {
            // As in Akka, an instance that failed to initialise gets no PostStop or PreRestart.
            _actor = null;
            _behavior = null;
            var stage = restartCause is null ? "creation" : "restart";
            HandleInvokeFailure(new ActorInitializationException(this, $"{Path} failed during {stage}: {ex.Message}", ex));
            return false;
        }
    }

    private void HandleTerminate()
    {
        if (_terminating)
        {
            return;
        }

        _terminating = true;
        _suspended = true;
        _pendingRecreateCause = null;
        if (StopAllChildren() == 0)
        {
            FinishTerminate();
        }
    }

    /// <summary>Runs once every child has terminated: PostStop, then the world is told.</summary>
    private void FinishTerminate()
    {
        var actor = _actor;
        if (actor is not null)
        {
            try
            {
                actor.AroundPostStop();
            }
            catch (Exception ex)
            {
                _system.ReportFailure($"{Path}: PostStop threw.{Environment.NewLine}{ex}");
            }
        }

        _actor = null;
        _behavior = null;
        DropStashToDeadLetters();

        // From here on, Tell goes straight to dead letters and system messages are answered as after death.
        _isTerminated = true;
        CloseSystemQueue();
        NotifyWatchersAndUnwatchAll();

        if (_parent is not null)
        {
            _parent.SendSystemMessage(new ChildTerminated(this));
        }
        else
        {
            _system.OnGuardianTerminated();
        }

        _dispatcher?.Detach(_executor);
        DrainMailboxToDeadLetters();
    }
}
