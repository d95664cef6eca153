using System;
using System.CommandLine;
using System.CommandLine.Help;
using System.IO;

namespace RuleGen.Cli;

/// <summary>rulegen's command line: scan, rules, test, import elastic; help and completion come from System.CommandLine.</summary>
internal static class RulegenCommand
{
    public static RootCommand Build(Stream stdout, bool interactive, TextWriter stderr)
    {
        var rules = new Command("rules", "List the compiled rules.");
        rules.SetAction(_ => RuleCommands.List(stdout));

        var test = new Command("test", "Run every rule's own tests (the 'tests' examples in its YAML file).");
        test.SetAction(_ => RuleCommands.Test(stdout));

        var root = new RootCommand("rulegen: detection rules compiled into this program, run over JSON event logs.")
        {
            ScanCommandLine.Build(stdout, interactive, stderr),
            rules,
            test,
            BuildImport(stdout, stderr),
        };
        root.HelpName = "rulegen";
        // Help written to a file or pipe would not be wrapped at all: wrap it as for a wide terminal.
        foreach (Option option in root.Options)
        {
            if (option.Action is HelpAction help) help.MaxWidth = 110;
        }
        return root;
    }

    private static Command BuildImport(Stream stdout, TextWriter stderr)
    {
        var output = new Option<string>("--out")
        {
            HelpName = "DIR",
            Description = "The folder the rule YAML files are written to. Default: rules.",
            DefaultValueFactory = _ => "rules",
        };
        var paths = new Argument<string[]>("PATH")
        {
            Arity = ArgumentArity.ZeroOrMore,
            Description = "Elastic detection-rules TOML files, or folders of them.",
        };
        paths.Validators.Add(FileArguments.CheckNoneIsAnOption);
        var elastic = new Command("elastic", "Convert Elastic detection-rules TOML into rule YAML files; every key is kept, unsupported ones are then named by the build.")
        {
            output, paths,
        };
        FileArguments.Require(elastic, paths, "no TOML files or folders to import");
        elastic.SetAction(parsed => ImportCommand.Run(parsed.GetValue(paths)!, parsed.GetValue(output)!, stdout, stderr));
        return new Command("import", "Import rules from another format.") { elastic };
    }
}
