using FeishuApiGen.TestSupport;
using Xunit;

namespace FeishuApiGen.Package.Tests;

/// <summary>
/// Packs the solution once, with the documented command, into a temporary feed. A fresh prerelease version
/// and a private NuGet packages folder per run mean no earlier package can be picked up from a cache.
/// </summary>
public sealed class PackedFeed : IAsyncLifetime
{
    public string Root { get; } = Path.Combine(Path.GetTempPath(), "feishuapigen-package-tests-" + Guid.NewGuid().ToString("N")[..12]);

    public string Feed => Path.Combine(Root, "feed");

    public string PackagesFolder => Path.Combine(Root, "nuget-packages");

    public string Version { get; } = "0.2.0-pkgtest." + DateTime.UtcNow.ToString("yyyyMMddHHmmss", System.Globalization.CultureInfo.InvariantCulture);

    public static string RepoRoot => RepositoryRoot.FullPath;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Feed);
        var (exitCode, output) = await DotNetCli.RunAsync(
            RepoRoot,
            null,
            TimeSpan.FromMinutes(10),
            "pack", "FeishuApiGen.sln", "-c", "Release", "-o", Feed, "-p:Version=" + Version);
        Assert.True(exitCode == 0, "dotnet pack failed:\n" + output);
    }

    public Task DisposeAsync()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing a run for.
        }

        return Task.CompletedTask;
    }
}
