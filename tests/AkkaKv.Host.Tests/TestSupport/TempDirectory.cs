namespace AkkaKv.Host.Tests.TestSupport;

/// <summary>A fresh directory under the system temp folder, deleted with everything in it on Dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory()
    {
        Path = Directory.CreateTempSubdirectory("akkakv-host-tests-").FullName;
    }

    public string Path { get; }

    /// <summary>Writes <paramref name="text"/> to a file of that name in the directory and returns its full path.</summary>
    public string Write(string fileName, string text)
    {
        var file = System.IO.Path.Combine(Path, fileName);
        File.WriteAllText(file, text);
        return file;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A server process may still be closing a file in it; the temp folder is cleaned eventually.
        }
    }
}
