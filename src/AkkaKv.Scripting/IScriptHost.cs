using AkkaKv.Protocol;

namespace AkkaKv.Scripting;

/// <summary>What a script reaches outside Lua: the server's commands and log. Implemented by the server per shard.</summary>
public interface IScriptHost
{
    /// <summary>
    /// redis.call / redis.pcall: runs <paramref name="args"/> (the command name first) and writes its reply, in the
    /// protocol <paramref name="reply"/> is set to, into <paramref name="reply"/>. Returns null when the command ran
    /// (its reply may be an error), else the text of Redis's refusal to run it from a script ("Unknown Redis command
    /// called from script", "Write commands are not allowed from read-only scripts." ...).
    /// </summary>
    string? Call(RunningScript script, RequestArgs args, RespWriter reply);

    /// <summary>redis.acl_check_cmd: whether <paramref name="args"/> names a command (there are no ACL users to deny it).</summary>
    bool IsCommand(RequestArgs args);

    /// <summary>redis.log at Redis's level (0 debug .. 3 warning); the host drops what its loglevel filters out.</summary>
    void Log(int level, string message);

    /// <summary>Milliseconds after which a running script counts as busy (busy-reply-threshold); 0 never.</summary>
    long BusyThresholdMs { get; }

    /// <summary>
    /// Called now and then while a script runs past busy-reply-threshold: the host answers other clients meanwhile
    /// (with BUSY, or a kill), as Redis does while a script is slow.
    /// </summary>
    void WhileBusy();

    /// <summary>The server is shutting down (SHUTDOWN while a script is busy): the script is stopped as by SCRIPT KILL.</summary>
    bool Stopping { get; }
}
