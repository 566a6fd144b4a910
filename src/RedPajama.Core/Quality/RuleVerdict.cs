namespace RedPajama.Quality;

/// <summary>What a rule says about one document.</summary>
public enum RuleVerdict
{
    /// <summary>The value is within the bounds (or null and the rule keeps nulls).</summary>
    Pass,

    /// <summary>The value is out of bounds (or null and the rule drops nulls): the document is dropped under the rule's name.</summary>
    Fail,

    /// <summary>The rule is scoped to other sources.</summary>
    NotApplicable,
}
