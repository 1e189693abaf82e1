/// Fills the page template with one language's strings.
///
/// `{{key}}` becomes the HTML-escaped string `key`; `{{lang}}` the language code; `{{strings_json}}` the
/// whole string table for the script (with `<` escaped so it cannot close the script element);
/// `{{auth_required}}` `true` or `false`. Unknown keys are left visible so a test notices them.
struct PageRenderer: Sendable {
    let resources: ServiceResources
    let authRequired: Bool

    func render(language: String) -> String {
        let strings = resources.strings[language] ?? [:]
        let json = (resources.stringsJSON[language] ?? "{}").replacingAll("<", with: "\\u003c")
        var output = ""
        var rest = Substring(resources.pageTemplate)
        while let open = rest.firstRange(of: "{{") {
            output += rest[..<open.lowerBound]
            let afterOpen = rest[open.upperBound...]
            guard let close = afterOpen.firstRange(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let key = String(afterOpen[..<close.lowerBound])
            switch key {
            case "lang": output += language
            case "strings_json": output += json
            case "auth_required": output += authRequired ? "true" : "false"
            default: output += strings[key].map(Self.escape) ?? "{{\(key)}}"
            }
            rest = afterOpen[close.upperBound...]
        }
        output += rest
        return output
    }

    /// Escapes text for HTML element content and attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }
}

extension String {
    /// The string with every occurrence of `target` replaced (Foundation-free).
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
