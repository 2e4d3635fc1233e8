namespace AkkaKv.Persistence;

/// <summary>The persistence module's settings, read once from akkakv.persistence.</summary>
public sealed class PersistenceSettings
{
    public static AkkaKv.Hocon.Config Reference { get; } =
        AkkaKv.Hocon.Config.ParseResource(typeof(PersistenceSettings).Assembly, "AkkaKv.Persistence.reference.conf");

    public PersistenceSettings(AkkaKv.Hocon.Config config)
    {
        var c = config.WithFallback(Reference).GetConfig("akkakv.persistence");
        JournalDispatcher = c.GetString("journal-dispatcher");
    }

    /// <summary>Dispatcher of the journal actor.</summary>
    public string JournalDispatcher { get; }
}
