namespace AkkaKv.Actors.Runtime;

/// <summary>Failures: a failing actor suspends itself and asks its parent, whose strategy decides.</summary>
internal sealed partial class ActorCell
{
    // The child whose failure this actor escalated; resumed along with this actor.
    private ActorCell? _escalatingChild;

    private void HandleInvokeFailure(Exception cause)
    {
        if (_terminating)
        {
            _system.ReportFailure($"{Path} failed while stopping.{Environment.NewLine}{cause}");
            return;
        }

        _suspended = true;
        _failedMessage = _currentMessage;
        if (_parent is null)
        {
            _system.ReportFailure($"{Path} failed and has no supervisor; stopping it.{Environment.NewLine}{cause}");
            HandleTerminate();
            return;
        }

        _parent.SendSystemMessage(new ChildFailed(this, cause));
    }

    private void HandleChildFailed(ActorCell child, Exception cause)
    {
        if (_terminating || !IsChild(child))
        {
            return; // a stopping parent stops the child anyway
        }

        Directive directive;
        try
        {
            directive = CurrentSupervisorStrategy().Decide(child.RestartStats, cause);
        }
        catch (Exception ex)
        {
            _system.ReportFailure($"{Path}: the supervisor strategy threw; escalating.{Environment.NewLine}{ex}");
            directive = Directive.Escalate;
        }

        if (directive != Directive.Escalate)
        {
            _system.ReportFailure($"{child.Path} failed; supervisor decided {directive}.{Environment.NewLine}{cause}");
        }

        switch (directive)
        {
            case Directive.Resume:
                child.SendSystemMessage(new ResumeActor());
                break;
            case Directive.Restart:
                child.SendSystemMessage(new RecreateActor(cause));
                break;
            case Directive.Stop:
                StopChild(child);
                break;
            default:
                _escalatingChild = child;
                HandleInvokeFailure(cause);
                break;
        }
    }

    private void ResumeEscalatingChild()
    {
        var child = _escalatingChild;
        _escalatingChild = null;
        if (child is not null && IsChild(child))
        {
            child.SendSystemMessage(new ResumeActor());
        }
    }

    private SupervisorStrategy CurrentSupervisorStrategy() =>
        Props.SupervisorStrategy
        ?? (_supervisorStrategy ??= _actor?.AroundSupervisorStrategy())
        ?? SupervisorStrategy.Default;
}
