namespace RuleGen.Runtime;

/// <summary>
/// Values computed per event by generated code: an IR <c>CallExpr(Function, Arguments)</c> is emitted as
/// <c>Functions.{Function}(e, arguments…)</c>. Each language's functions live in their own partial file
/// (<c>Functions.Eql.cs</c>: EQL's string and arithmetic library); scratch bytes come from the event's
/// <see cref="EventView"/>, so a warm scan allocates nothing. NULL in gives NULL out unless a function says otherwise.
/// </summary>
public static partial class Functions
{
}
