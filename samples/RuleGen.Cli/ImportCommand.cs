using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace RuleGen.Cli;

/// <summary>`rulegen import elastic`: Elastic detection-rules TOML files (or folders of them) to rule YAML files.</summary>
internal static class ImportCommand
{
    public static int Run(IReadOnlyList<string> paths, string output, Stream stdout, TextWriter stderr)
    {
        var files = new List<string>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path)) files.AddRange(Directory.GetFiles(path, "*.toml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal));
            else if (File.Exists(path)) files.Add(path);
            else
            {
                stderr.WriteLine($"rulegen: {path}: no such file or folder");
                return ExitCode.InputError;
            }
        }
        Directory.CreateDirectory(output);
        using var text = new StreamWriter(stdout, leaveOpen: true);
        int failed = 0;
        foreach (string file in files)
        {
            try
            {
                string yaml = Import.ElasticRuleImporter.Convert(File.ReadAllText(file), Path.GetFileName(file));
                string target = Path.Combine(output, Path.GetFileNameWithoutExtension(file) + ".yml");
                File.WriteAllText(target, yaml);
                text.WriteLine($"{file} -> {target}");
            }
            catch (FormatException e)
            {
                failed++;
                stderr.WriteLine($"{file}: {e.Message}");
            }
        }
        stderr.WriteLine($"rulegen: imported {files.Count - failed} of {files.Count} rule file(s) into {output}");
        return failed == 0 ? ExitCode.Ok : ExitCode.Failed;
    }
}
