namespace AkkaKv.Server.Config;

/// <summary>
/// One Redis configuration parameter: its Redis name (CONFIG GET/SET, command-line flags), where it lives in
/// HOCON, how it reads back in Redis's format, and how a Redis-format value is applied at run time (null = immutable).
/// </summary>
public sealed class ConfigParameter
{
    private readonly Func<ServerSettings, string> _get;
    private readonly Action<ServerSettings, string>? _set;
    private readonly Func<string, IEnumerable<(string Path, string Value)>> _toHocon;

    public ConfigParameter(
        string name,
        Func<ServerSettings, string> get,
        Action<ServerSettings, string>? set,
        Func<string, IEnumerable<(string Path, string Value)>> toHocon)
    {
        Name = name;
        _get = get;
        _set = set;
        _toHocon = toHocon;
    }

    public string Name { get; }
    public bool IsMutable => _set is not null;

    /// <summary>A secret (requirepass): CONFIG SET's value for it is redacted from MONITOR and the slow log.</summary>
    public bool IsSensitive { get; private init; }

    public ConfigParameter Sensitive() => new(Name, _get, _set, _toHocon) { IsSensitive = true };

    public string Get(ServerSettings settings) => _get(settings);

    /// <summary>Validates and applies a Redis-format value; throws <see cref="FormatException"/> with Redis's reason.</summary>
    public void Set(ServerSettings settings, string value)
    {
        if (_set is null) throw new FormatException("can't set immutable config");
        _set(settings, value);
    }

    /// <summary>The HOCON assignments (path relative to the config root, HOCON value text) a Redis-format value stands for.</summary>
    public IEnumerable<(string Path, string Value)> ToHocon(string value) => _toHocon(value);
}
