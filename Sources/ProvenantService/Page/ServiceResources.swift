import Foundation

/// The files the service serves, read once from the module's resource bundle at start-up.
struct ServiceResources: Sendable {
    /// The page template (`{{key}}` placeholders).
    let pageTemplate: String
    /// The page's script and style sheet.
    let script: [UInt8]
    let styleSheet: [UInt8]
    /// The committed OpenAPI 3.1 document.
    let openAPI: [UInt8]
    /// The page strings per language code.
    let strings: [String: [String: String]]
    /// The same strings as the JSON text the resource files hold, per language code.
    let stringsJSON: [String: String]

    /// The page languages, the default first.
    static let languages = ["en", "ja"]

    init() throws(ServiceError) {
        guard let root = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw Self.missing("Resources")
        }
        func read(_ path: String) throws(ServiceError) -> Data {
            do {
                return try Data(contentsOf: root.appendingPathComponent(path))
            } catch {
                throw Self.missing(path)
            }
        }
        pageTemplate = String(decoding: try read("page/index.html"), as: UTF8.self)
        script = [UInt8](try read("page/page.js"))
        styleSheet = [UInt8](try read("page/page.css"))
        openAPI = [UInt8](try read("openapi.json"))
        var strings: [String: [String: String]] = [:]
        var stringsJSON: [String: String] = [:]
        for language in Self.languages {
            let data = try read("strings/\(language).json")
            do {
                strings[language] = try JSONDecoder().decode([String: String].self, from: data)
            } catch {
                throw ServiceError(
                    status: .internalServerError, code: "resources.invalid", message: "strings/\(language).json: \(error)")
            }
            stringsJSON[language] = String(decoding: data, as: UTF8.self)
        }
        self.strings = strings
        self.stringsJSON = stringsJSON
    }

    private static func missing(_ path: String) -> ServiceError {
        ServiceError(status: .internalServerError, code: "resources.missing", message: "resource \(path) is missing")
    }
}
