using System.Xml;

namespace RedPajama.Sources.Wikipedia.Reading;

/// <summary>The XML reader settings for dump parts: no DTD (refused), nothing resolved or fetched.</summary>
internal static class DumpXml
{
    public static XmlReaderSettings Settings(ConformanceLevel conformance) => new()
    {
        ConformanceLevel = conformance,

        // A DOCTYPE (entity definitions: billion laughs, external entities) is refused with an XmlException; real
        // dumps have none. Nothing is resolved.
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1 << 10,

        // Best effort: a control character (&#1; or raw) does not cost the page; expat would refuse it.
        CheckCharacters = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };
}
