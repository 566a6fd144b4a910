namespace RedPajama.Udfs.Quality;

/// <summary>A group of quality signals that share one upstream definition and one pass over the text.</summary>
[Flags]
public enum SignalFamily
{
    /// <summary>No family.</summary>
    None = 0,

    /// <summary>RedPajama-V2's <c>rps_doc_*</c> and <c>rps_lines_*</c> signals (<c>app/src/core/quality_signals</c>).</summary>
    RedPajamaV2 = 1,

    /// <summary>Gopher's quality and repetition rules (Rae et al. 2021, Table A1) as datatrove computes them.</summary>
    Gopher = 2,

    /// <summary>C4's line and page rules (Raffel et al. 2020) as datatrove's C4 filters compute them.</summary>
    C4 = 4,

    /// <summary>RedPajama-1T's GitHub file statistics (<c>data_prep/github/github_clean_dedup_local.py</c>).</summary>
    RedPajama1Code = 8,

    /// <summary>Every family.</summary>
    All = RedPajamaV2 | Gopher | C4 | RedPajama1Code,
}
