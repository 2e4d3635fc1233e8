namespace AkkaKv.Actors;

/// <summary>Config paths of the dispatchers every system has (see reference.conf).</summary>
public static class DispatcherIds
{
    public const string Default = "akkakv.actors.default-dispatcher";
    public const string Pinned = "akkakv.actors.pinned-dispatcher";
    public const string Affinity = "akkakv.actors.affinity-dispatcher";
}
