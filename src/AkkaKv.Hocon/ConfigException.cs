namespace AkkaKv.Hocon;

/// <summary>
/// A configuration value is missing, has the wrong type, or a substitution cannot be resolved. The message
/// names the path and what was expected.
/// </summary>
public sealed class ConfigException : Exception
{
    public ConfigException()
    {
    }

    public ConfigException(string message)
        : base(message)
    {
    }

    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
