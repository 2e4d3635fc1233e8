namespace AkkaKv.Server.Commands;

public static partial class ErrorReplies
{
    public const string NoScript = "NOSCRIPT No matching script. Please use EVAL.";
    public const string NumKeysGreaterThanArgs = "ERR Number of keys can't be greater than number of args";
    public const string NumKeysNegative = "ERR Number of keys can't be negative";
    public const string ScriptFlushMode = "ERR SCRIPT FLUSH only support SYNC|ASYNC option";
    public const string Busy = "BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.";
    public const string NotBusy = "NOTBUSY No scripts in execution right now.";
    public const string Unkillable = "UNKILLABLE Sorry the script already executed write commands against the dataset. You can either wait the script termination or kill the server in a hard way using the SHUTDOWN NOSAVE command.";
    public const string WriteScriptWithRo = "ERR Can not execute a script with write flag using *_ro command.";
    public const string NoClusterScript = "ERR Can not run script on cluster, 'no-cluster' flag is set.";

    // Refusals of redis.call: Lua error texts (the interpreter adds the ERR code).
    public const string ScriptUnknownCommand = "Unknown Redis command called from script";
    public const string ScriptWrongArity = "Wrong number of args calling Redis command from script";
    public const string ScriptCommandNotAllowed = "This Redis command is not allowed from script";
    public const string ScriptWriteInReadOnly = "Write commands are not allowed from read-only scripts.";
    public const string ScriptNonLocalKey = "Script attempted to access a non local key in a cluster node";
}
