using System;
using System.IO;

namespace RuleGen.Runtime;

/// <summary>
/// An input could not be read further (an I/O error, damaged gzip): thrown by <see cref="InputReader"/> after every
/// document before the fault was handed over, so that a scan can report the input and go on with the next one.
/// The message says what happened, in a user's words.
/// </summary>
public sealed class InputFaultException : Exception
{
    public InputFaultException(string message, Exception? inner = null) : base(message, inner) { }
}
