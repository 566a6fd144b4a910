namespace RedPajama.Udfs.Code.Licenses;

/// <summary>What licensee makes of a file at a repository's root, by its name.</summary>
public enum LicenseCandidateKind
{
    /// <summary>Neither a licence file nor a README: licensee does not read it.</summary>
    None,

    /// <summary>A licence file (<c>LICENSE</c>, <c>COPYING.md</c>, <c>MIT-LICENSE</c>, <c>PATENTS</c>, …), matched as a whole.</summary>
    License,

    /// <summary>A README (<c>README</c>, <c>README.md</c>, …), of which only the licence section is matched.</summary>
    Readme,
}
