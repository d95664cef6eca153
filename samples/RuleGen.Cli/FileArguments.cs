using System.CommandLine.Parsing;

namespace RuleGen.Cli;

/// <summary>Checks on the file and folder arguments of scan and import.</summary>
internal static class FileArguments
{
    /// <summary>
    /// System.CommandLine hands a token that is no known option (`--thread 2`) to a string argument as a file name; it
    /// is a mistyped option far more often than a file, so it is a usage error ("./-name" reaches such a file).
    /// </summary>
    public static void CheckNotAnOption(ArgumentResult result, string value)
    {
        if (value.Length > 1 && value[0] == '-') result.AddError($"unknown option '{value}' (a file whose name starts with '-': ./{value})");
    }
}
