namespace FeishuApiGen.Runtime.Tests.Support;

/// <summary>
/// Tests that measure the whole process (managed memory, active timers, unobserved task exceptions) run alone, after the
/// parallel ones, so no other test's work shows in their figures.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialCollection
{
    public const string Name = "Process-wide measurements";
}
