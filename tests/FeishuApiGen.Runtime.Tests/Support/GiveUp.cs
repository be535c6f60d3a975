namespace FeishuApiGen.Runtime.Tests.Support;

/// <summary>Asserts on the exception a call ends with when the runtime stopped retrying a transient failure.</summary>
public static class GiveUp
{
    /// <summary>
    /// Asserts <paramref name="thrown"/> is a <see cref="FeishuTransientException"/> for <paramref name="reason"/> after
    /// <paramref name="attempts"/> attempts, naming them, and returns its last error as <typeparamref name="TLastError"/>.
    /// </summary>
    public static TLastError Assert<TLastError>(Exception thrown, FeishuGiveUpReason reason, int attempts)
        where TLastError : Exception
    {
        var transient = Xunit.Assert.IsType<FeishuTransientException>(thrown);
        Xunit.Assert.Equal(reason, transient.Reason);
        Xunit.Assert.Equal(attempts, transient.Attempts);
        Xunit.Assert.Contains($"failed after {attempts} attempt", transient.Message, StringComparison.Ordinal);
        return Xunit.Assert.IsAssignableFrom<TLastError>(transient.InnerException);
    }
}
