namespace RedPajama.Udfs.Wiki;

/// <summary>
/// The HuggingFace <c>wikipedia</c> builder's (v2.0.0) namespace aliases for the 20 languages of RedPajama-1T: media
/// aliases (namespaces -2 and 6) and category aliases (namespace 14), as that script lists them (fetched by its
/// authors from each wiki's siteinfo API on 2021-12-21). The builder puts <c>File|Image|Media</c> and
/// <c>Category</c> first; a language it does not list gets only those, as in the builder (English is one).
/// </summary>
public static class WikipediaAliases
{
    private static readonly Dictionary<string, string[]> s_media = new(StringComparer.Ordinal)
    {
        ["bg"] = ["Медия", "Файл", "Картинка"],
        ["ca"] = ["Fitxer", "Imatge"],
        ["cs"] = ["Soubor", "Média", "Obrázok"],
        ["da"] = ["Billede", "Fil"],
        ["de"] = ["Medium", "Datei", "Bild"],
        ["es"] = ["Medio", "Archivo", "Imagen"],
        ["fr"] = ["Média", "Fichier"],
        ["hr"] = ["Mediji", "DT", "Slika", "F", "Datoteka"],
        ["hu"] = ["Kép", "Fájl", "Média"],
        ["it"] = ["Immagine"],
        ["nl"] = ["Bestand", "Afbeelding"],
        ["pl"] = ["Plik", "Grafika"],
        ["pt"] = ["Multimédia", "Ficheiro", "Arquivo", "Imagem"],
        ["ro"] = ["Fişier", "Imagine", "Fișier"],
        ["ru"] = ["Медиа", "Файл", "Изображение"],
        ["sl"] = ["Slika", "Datoteka"],
        ["sr"] = ["Датотека", "Medij", "Slika", "Медија", "Datoteka", "Медиј", "Medija", "Слика"],
        ["sv"] = ["Fil", "Bild"],
        ["uk"] = ["Медіа", "Медиа", "Файл", "Изображение", "Зображення"],
    };

    private static readonly Dictionary<string, string[]> s_category = new(StringComparer.Ordinal)
    {
        ["bg"] = ["Категория"],
        ["ca"] = ["Categoria"],
        ["cs"] = ["Kategorie"],
        ["da"] = ["Kategori"],
        ["de"] = ["Kategorie"],
        ["es"] = ["CAT", "Categoría"],
        ["fr"] = ["Catégorie"],
        ["hr"] = ["CT", "KT", "Kategorija"],
        ["hu"] = ["Kategória"],
        ["it"] = ["CAT", "Categoria"],
        ["nl"] = ["Categorie"],
        ["pl"] = ["Kategoria"],
        ["pt"] = ["Categoria"],
        ["ro"] = ["Categorie"],
        ["ru"] = ["Категория", "К"],
        ["sl"] = ["Kategorija"],
        ["sr"] = ["Kategorija", "Категорија"],
        ["sv"] = ["Kategori"],
        ["uk"] = ["Категория", "Категорія"],
    };

    /// <summary>The languages whose aliases the builder lists here.</summary>
    public static IReadOnlyCollection<string> Languages => s_media.Keys;

    /// <summary>The media prefixes of <paramref name="language"/>: <c>File</c>, <c>Image</c>, <c>Media</c>, then its aliases.</summary>
    /// <param name="language">A Wikipedia language code.</param>
    /// <returns>The prefixes, in the builder's order.</returns>
    public static IReadOnlyList<string> MediaPrefixes(string language) =>
        ["File", "Image", "Media", .. s_media.GetValueOrDefault(language, [])];

    /// <summary>The category prefixes of <paramref name="language"/>: <c>Category</c>, then its aliases.</summary>
    /// <param name="language">A Wikipedia language code.</param>
    /// <returns>The prefixes, in the builder's order.</returns>
    public static IReadOnlyList<string> CategoryPrefixes(string language) =>
        ["Category", .. s_category.GetValueOrDefault(language, [])];
}
