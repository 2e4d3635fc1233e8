using AkkaKv.Scripting.Functions;

namespace AkkaKv.Server.Commands;

public static partial class ErrorReplies
{
    public const string BusyFunction = "BUSY Redis is busy running a script. You can only call FUNCTION KILL or SHUTDOWN NOSAVE.";
    public const string FunctionNotFound = "ERR Function not found";
    public const string BadNumberOfKeys = "ERR Bad number of keys provided";
    public const string LibraryNotFound = "ERR Library not found";
    public const string FunctionFlushMode = "ERR FUNCTION FLUSH only supports SYNC|ASYNC option";
    public const string RestorePolicy = "ERR Wrong restore policy given, value should be either FLUSH, APPEND or REPLACE.";
    public const string LibraryNameArgumentMissing = "ERR library name argument was not given";

    // FUNCTION LOAD's checks of the library's metadata line and name (functions.c).
    public const string MissingLibraryMetadata = "ERR Missing library metadata";
    public const string InvalidLibraryMetadata = "ERR Invalid library metadata";
    public const string LibraryNameGivenTwice = "ERR Invalid metadata value, name argument was given multiple times";
    public const string LibraryNameNotGiven = "ERR Library name was not given";
    public const string InvalidLibraryName = "ERR " + FunctionLibrary.InvalidNameText;
    public const string NoFunctionsRegistered = "ERR No functions registered";

    // FUNCTION RESTORE's payload checks.
    public const string BadDumpPayload = "ERR DUMP payload version or checksum are wrong";
    public const string PreGaFunctionPayload = "ERR Pre-GA function format not supported";
    public const string PayloadNotFunction = "ERR given type is not a function";
    public const string FunctionPayloadUnreadable = "ERR failed loading the given functions payload";

    public static string InvalidMetadataValue(string part) => "ERR Invalid metadata value given: " + part;

    public static string EngineNotFound(string engine) => $"ERR Engine '{engine}' not found";

    public static string LibraryExists(string name) => $"ERR Library '{name}' already exists";

    /// <summary>FUNCTION RESTORE's collision with a loaded library: unlike FUNCTION LOAD's, the name is not quoted.</summary>
    public static string RestoredLibraryExists(string name) => $"ERR Library {name} already exists";

    public static string FunctionExists(string name) => $"ERR Function {name} already exists";

    public static string UnknownFunctionLoadOption(string option) => "ERR Unknown option given: " + option;

    public static string UnknownFunctionListArgument(string argument) => "ERR Unknown argument " + argument;
}
