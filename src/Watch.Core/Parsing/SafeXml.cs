using System.Xml;

namespace Watch.Parsing;

/// <summary>
/// The only way Watch opens XML: DTDs prohibited and no resolver, so an external-entity payload
/// (XXE) is rejected before anything is fetched or expanded, and a billion-laughs file cannot grow.
/// </summary>
public static class SafeXml
{
    public static XmlReaderSettings Settings { get; } = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        Async = true,
    };

    public static XmlReader CreateReader(Stream stream) => XmlReader.Create(stream, Settings);

    public static XmlReader CreateReader(TextReader reader) => XmlReader.Create(reader, Settings);
}
