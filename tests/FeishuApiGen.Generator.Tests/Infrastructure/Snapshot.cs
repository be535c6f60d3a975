using System.Text.RegularExpressions;
using Xunit;

namespace FeishuApiGen.Generator.Tests.Infrastructure;

/// <summary>
/// Compares generated text with a checked-in <c>Snapshots/NAME.verified.cs</c>. On a difference (or a
/// missing snapshot) it writes <c>NAME.received.cs</c> beside it and fails. Set
/// <c>FEISHUAPIGEN_ACCEPT_SNAPSHOTS=1</c> to accept the new output instead. The generator's version in
/// <c>[GeneratedCode]</c> is written as <c>{version}</c>, so a release does not touch every snapshot
/// (<c>GeneratedCodeTests</c> checks the version itself).
/// </summary>
internal static partial class Snapshot
{
    public const string AcceptVariable = "FEISHUAPIGEN_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, string actual)
    {
        actual = GeneratorVersion().Replace(actual.Replace("\r\n", "\n"), "GeneratedCode(\"FeishuApiGen\", \"{version}\")");
        var verified = Path.Combine(RepoPaths.Snapshots, name + ".verified.cs");
        var received = Path.Combine(RepoPaths.Snapshots, name + ".received.cs");
        if (Environment.GetEnvironmentVariable(AcceptVariable) == "1")
        {
            Directory.CreateDirectory(RepoPaths.Snapshots);
            File.WriteAllText(verified, actual);
            File.Delete(received);
            return;
        }

        var expected = File.Exists(verified) ? File.ReadAllText(verified).Replace("\r\n", "\n") : null;
        if (expected == actual)
        {
            File.Delete(received);
            return;
        }

        File.WriteAllText(received, actual);
        Assert.Fail(expected is null
            ? $"No snapshot {verified}. Review {received}; accept with {AcceptVariable}=1."
            : $"Generated {name} differs from its snapshot. Compare {received} with {verified}; accept with {AcceptVariable}=1.\n{FirstDifference(expected, actual)}");
    }

    [GeneratedRegex("""GeneratedCode\("FeishuApiGen", "[0-9]+\.[0-9]+\.[0-9]+"\)""")]
    private static partial Regex GeneratorVersion();

    private static string FirstDifference(string expected, string actual)
    {
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        for (var i = 0; i < Math.Max(expectedLines.Length, actualLines.Length); i++)
        {
            var e = i < expectedLines.Length ? expectedLines[i] : "<end>";
            var a = i < actualLines.Length ? actualLines[i] : "<end>";
            if (e != a)
            {
                return $"line {i + 1}:\n  expected: {e}\n  actual:   {a}";
            }
        }

        return string.Empty;
    }
}
