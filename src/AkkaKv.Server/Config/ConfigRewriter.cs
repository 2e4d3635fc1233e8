namespace AkkaKv.Server.Config;

/// <summary>
/// CONFIG REWRITE: writes back to the HOCON file named on the command line every parameter whose current value differs
/// from what that file (over the reference defaults) says. The file is re-rendered, so its comments are not kept.
/// </summary>
public static class ConfigRewriter
{
    public static void Rewrite(ServerSettings settings)
    {
        var path = settings.ConfigFile!;
        var file = AkkaKv.Hocon.Config.ParseFile(path);
        var asFileSays = new ServerSettings(file.WithFallback(ServerSettings.Reference), path);
        foreach (var parameter in ConfigParameters.Parameters)
        {
            var current = parameter.Get(settings);
            if (current == parameter.Get(asFileSays)) continue;
            foreach (var (key, value) in parameter.ToHocon(current)) file = file.WithValue(key, value);
        }
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, "# Rewritten by CONFIG REWRITE.\n" + file.Render() + "\n");
        File.Move(temporary, path, overwrite: true);
    }
}
