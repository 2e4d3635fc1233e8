namespace AkkaKv.Server.Sessions;

/// <summary>CLIENT REPLY's modes.</summary>
public enum ReplyMode
{
    On,
    Off,
    Skip,
}
