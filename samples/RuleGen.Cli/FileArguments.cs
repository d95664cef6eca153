using System;
using System.CommandLine;
using System.CommandLine.Parsing;

namespace RuleGen.Cli;

/// <summary>Checks on the file and folder arguments of scan and import.</summary>
internal static class FileArguments
{
    /// <summary>
    /// System.CommandLine hands a token that is no known option (`--thread 2`) to a string argument as a file name; it
    /// is a mistyped option far more often than a file, so it is a usage error ("./-name" reaches such a file).
    /// </summary>
    public static void CheckNoneIsAnOption(ArgumentResult result)
    {
        foreach (string value in result.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
        {
            if (value.Length > 1 && value[0] == '-') result.AddError($"unknown option '{value}' (a file whose name starts with '-': ./{value})");
        }
    }

    /// <summary>At least one value, with this message: an argument's own validators do not run when it has none.</summary>
    public static void Require(Command command, Argument<string[]> argument, string message) =>
        command.Validators.Add(result =>
        {
            if ((result.GetValue(argument) ?? Array.Empty<string>()).Length == 0) result.AddError(message);
        });
}
