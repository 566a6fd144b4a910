namespace RedPajama.Documents;

/// <summary>The value types a <c>meta</c> field can hold; each maps to one Parquet and one JSON type.</summary>
public enum MetaType
{
    /// <summary>UTF-8 text (<see cref="string"/>).</summary>
    Text,

    /// <summary>64-bit integer (<see cref="long"/>).</summary>
    Integer,

    /// <summary>64-bit float (<see cref="double"/>).</summary>
    Float,

    /// <summary>Boolean (<see cref="bool"/>).</summary>
    Boolean,

    /// <summary>A list of 64-bit integers (<see cref="long"/>[]; cc_net's <c>line_ids</c>): a JSON array, a Parquet LIST of int64.</summary>
    IntegerList,

    /// <summary>
    /// Any JSON value kept as it is (<see cref="JsonText"/>; BigQuery's <c>language</c> records): written back as JSON,
    /// a string of JSON text in Parquet and on Spark.
    /// </summary>
    Json,
}
