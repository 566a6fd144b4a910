namespace RedPajama.Sources.C4;

/// <summary>
/// The <c>c4:</c> section of the run configuration. RedPajama only reformatted <c>allenai/c4</c>
/// (<c>rp_v1:data_prep/c4/c4_reformat.py</c>), so there is nothing to set yet; the section exists so that a key under
/// it is checked like every other section's.
/// </summary>
public sealed class C4Config
{
}
