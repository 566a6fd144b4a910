using System.CommandLine;
using System.CommandLine.Parsing;
using RedPajama.Configuration;

namespace RedPajama.Cli;

/// <summary>
/// Checks numeric options where the command line is parsed, so a bad value is a usage error naming the option and
/// what it accepts (<c>--ngram must be at least 1 (got 0)</c>), never an exception from deep inside a command.
/// </summary>
internal static class OptionRules
{
    /// <summary>Accepts values of at least <paramref name="minimum"/> (each value, for a list option).</summary>
    public static Option<T> MustBeAtLeast<T>(this Option<T> option, double minimum) => option.MustBeIn(NumberRange.AtLeast(minimum));

    /// <summary>Accepts values from <paramref name="minimum"/> to <paramref name="maximum"/>, both included.</summary>
    public static Option<T> MustBeBetween<T>(this Option<T> option, double minimum, double maximum) => option.MustBeIn(NumberRange.Between(minimum, maximum));

    /// <summary>Accepts values in <paramref name="range"/>.</summary>
    public static Option<T> MustBeIn<T>(this Option<T> option, NumberRange range)
    {
        option.Validators.Add(result =>
        {
            foreach (Token token in result.Tokens)
            {
                // A value that is not a number at all is CheckKinds's to report.
                if (ValueKinds.TryParse(typeof(T), token.Value, out double value) && range.Check(option.Name, value) is { } problem)
                {
                    result.AddError(problem);
                    return;
                }
            }
        });
        return option;
    }

    /// <summary>Accepts only the listed words (exactly): <c>--method must be one of minhash, simhash (got 'lsh')</c>.</summary>
    public static Option<T> MustBeOneOf<T>(this Option<T> option, params string[] values)
    {
        option.Validators.Add(result =>
        {
            foreach (Token token in result.Tokens)
            {
                if (!values.Contains(token.Value, StringComparer.Ordinal))
                {
                    result.AddError($"{option.Name} must be one of {string.Join(", ", values)} (got '{token.Value}')");
                    return;
                }
            }
        });
        option.CompletionSources.Add(values);
        return option;
    }

    /// <summary>
    /// Gives every number and boolean option of <paramref name="command"/> and its subcommands a check of its kind,
    /// so <c>--threads abc</c> reads "--threads must be a whole number (got 'abc')", not a .NET type name.
    /// </summary>
    /// <param name="command">The root command.</param>
    public static void CheckKinds(Command command)
    {
        foreach (Option option in command.Options)
        {
            if (!ValueKinds.IsScalar(option.ValueType))
            {
                continue;
            }

            Type type = option.ValueType;
            string name = option.Name;
            option.Validators.Add(result =>
            {
                foreach (Token token in result.Tokens)
                {
                    if (!ValueKinds.TryParse(type, token.Value, out _))
                    {
                        result.AddError($"{name} must be {ValueKinds.Describe(type)} (got '{token.Value}')");
                        return;
                    }
                }
            });
        }

        foreach (Command subcommand in command.Subcommands)
        {
            CheckKinds(subcommand);
        }
    }

    /// <summary>The command's path as typed: <c>redpajama dedup near</c>.</summary>
    /// <param name="result">The innermost command's result.</param>
    /// <returns>The path, with <c>redpajama</c> for the root (whatever the executable is called).</returns>
    public static string PathOf(CommandResult result)
    {
        var names = new Stack<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult { Command: not RootCommand } command)
            {
                names.Push(command.Command.Name);
            }
        }

        return string.Join(' ', ["redpajama", .. names]);
    }
}
