using Xunit;

namespace FeishuApiGen.Generator.Tests.Infrastructure;

/// <summary>
/// Compares generated text with a checked-in <c>Snapshots/NAME.verified.cs</c>. On a difference (or a
/// missing snapshot) it writes <c>NAME.received.cs</c> beside it and fails. Set
/// <c>FEISHUAPIGEN_ACCEPT_SNAPSHOTS=1</c> to accept the new output instead.
/// </summary>
internal static class Snapshot
{
    public const string AcceptVariable = "FEISHUAPIGEN_ACCEPT_SNAPSHOTS";

    public static void Verify(string name, string actual)
    {
        actual = actual.Replace("\r\n", "\n");
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
