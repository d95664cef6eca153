using System;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace RuleGen.Tests;

/// <summary>
/// Runs code on a thread with a 1 MB stack, as Roslyn gives generators, and with a deadline: a deep rule that
/// overflowed it would end the test run instead of failing a test, which is exactly what the limits prevent.
/// </summary>
public static class SmallStack
{
    public const int StackBytes = 1 << 20;

    public static T Run<T>(Func<T> work, int timeoutSeconds = 60)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = work();
            }
            catch (Exception e)
            {
                failure = ExceptionDispatchInfo.Capture(e);
            }
        }, StackBytes);
        thread.Start();
        if (!thread.Join(TimeSpan.FromSeconds(timeoutSeconds))) throw new TimeoutException($"did not finish in {timeoutSeconds} s");
        failure?.Throw();
        return result;
    }
}
