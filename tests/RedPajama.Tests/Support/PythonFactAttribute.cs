namespace RedPajama.Tests.Support;

/// <summary>
/// A fact that needs the live CPython at <c>/usr/bin/python3</c>: reported as skipped, with the reason, where it is
/// absent, so a machine without Python shows the gap instead of a silent pass.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PythonFactAttribute : FactAttribute
{
    /// <summary>The interpreter these facts run.</summary>
    public const string Interpreter = "/usr/bin/python3";

    /// <summary>Sets <see cref="FactAttribute.Skip"/> when <see cref="Interpreter"/> does not exist.</summary>
    public PythonFactAttribute()
    {
        if (!File.Exists(Interpreter))
        {
            Skip = $"{Interpreter} is absent: the comparison with CPython's str methods and re cannot run (the committed snapshot test still does)";
        }
    }
}
