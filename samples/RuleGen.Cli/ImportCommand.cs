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
        // Each file with the path it gets under the output folder: a folder's files keep their sub-folders, so that
        // two rules of the same name (Elastic's _deprecated/ has some) never overwrite each other.
        var files = new List<(string File, string Target)>();
        foreach (string path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (string file in Directory.GetFiles(path, "*.toml", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                {
                    files.Add((file, Path.ChangeExtension(Path.GetRelativePath(path, file), ".yml")));
                }
            }
            else if (File.Exists(path)) files.Add((path, Path.GetFileNameWithoutExtension(path) + ".yml"));
            else
            {
                stderr.WriteLine($"rulegen: {path}: no such file or folder");
                return ExitCode.InputError;
            }
        }
        Directory.CreateDirectory(output);
        using var text = new StreamWriter(stdout, leaveOpen: true);
        var written = new Dictionary<string, string>(StringComparer.Ordinal);
        int failed = 0;
        foreach (var (file, relative) in files)
        {
            string target = Path.Combine(output, relative);
            if (written.TryGetValue(target, out string? first))
            {
                failed++;
                stderr.WriteLine($"{file}: not imported: {target} is already imported from {first}");
                continue;
            }
            try
            {
                string yaml = Import.ElasticRuleImporter.Convert(File.ReadAllText(file), Path.GetFileName(file));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllText(target, yaml);
                written[target] = file;
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
