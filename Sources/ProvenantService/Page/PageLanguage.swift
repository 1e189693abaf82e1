/// Chooses the page language: `?lang=` when it names a supported language, else the best match in
/// `Accept-Language` (by quality, then order), else English.
enum PageLanguage {
    static func choose(query: String?, acceptLanguage: String?, supported: [String]) -> String {
        let fallback = supported.first ?? "en"
        if let query, supported.contains(query.lowercased()) { return query.lowercased() }
        guard let acceptLanguage else { return fallback }
        var best: (language: String, quality: Double)?
        for item in acceptLanguage.split(separator: ",") {
            let pieces = item.split(separator: ";")
            guard let tag = pieces.first?.trimmingCharacters(in: " \t").lowercased() else { continue }
            var quality = 1.0
            for parameter in pieces.dropFirst() {
                let pair = parameter.trimmingCharacters(in: " \t").split(separator: "=", maxSplits: 1)
                if pair.count == 2, pair[0] == "q", let value = Double(pair[1]) { quality = value }
            }
            let primary = tag.split(separator: "-").first.map(String.init) ?? tag
            guard quality > 0, supported.contains(primary) else { continue }
            if quality > (best?.quality ?? -1) { best = (primary, quality) }
        }
        return best?.language ?? fallback
    }
}
