namespace AkkaKv.Server.Config;

/// <summary>Typed reads of keys under one section, by their full paths, so errors name the key the user wrote.</summary>
internal readonly struct SectionReader(AkkaKv.Hocon.Config config, string section)
{
    private string Path(string key) => $"{section}.{key}";

    public int GetInt(string key) => config.GetInt(Path(key));
    public long GetLong(string key) => config.GetLong(Path(key));
    public string GetString(string key) => config.GetString(Path(key));
    public bool GetBoolean(string key) => config.GetBoolean(Path(key));
    public TimeSpan GetDuration(string key) => config.GetDuration(Path(key));
    public long GetBytes(string key) => config.GetBytes(Path(key));
    public SectionReader GetSection(string key) => new(config, Path(key));
}
