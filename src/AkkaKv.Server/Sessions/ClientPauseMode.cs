namespace AkkaKv.Server.Sessions;

/// <summary>What a CLIENT PAUSE holds back: nothing, commands that may write or replicate (WRITE), or every command (ALL).</summary>
public enum ClientPauseMode
{
    None,
    Write,
    All,
}
