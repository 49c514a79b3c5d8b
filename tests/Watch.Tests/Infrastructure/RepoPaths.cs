namespace Watch.Tests.Infrastructure;

/// <summary>Locates the repository from the test binaries, so helpers work from any working directory.</summary>
public static class RepoPaths
{
    /// <summary>The folder that holds Watch.sln, found by walking up from the test assembly's folder.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>tests/emulators: the npm project with the Telegram and SMTP test peers.</summary>
    public static string Emulators => Path.Combine(Root, "tests", "emulators");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Watch.sln")))
                return dir.FullName;
        throw new DirectoryNotFoundException(
            $"Watch.sln not found in {AppContext.BaseDirectory} or any parent folder: the tests must run from inside the repository.");
    }
}
