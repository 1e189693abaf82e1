import Hummingbird
import Provenant

/// The query options of `/v1/check`: `deep=auto|always|never`, `detailed=true|false`.
struct CheckOptions: Sendable {
    /// The deep-stage mode asked for, or `nil` for the mode the service was started with (`serve --deep`).
    var deep: DeepMode?
    var detailed = false

    init(query: Parameters) throws(ServiceError) {
        if let value = query.get("deep") {
            guard let mode = DeepMode(rawValue: value) else {
                throw .badRequest("request.bad_parameter", "deep must be auto, always or never (got \(value))")
            }
            deep = mode
        }
        detailed = try Self.flag(query, "detailed")
    }

    /// A boolean query parameter: absent is false; `true`/`1` and `false`/`0` are accepted.
    static func flag(_ query: Parameters, _ name: String) throws(ServiceError) -> Bool {
        guard let value = query.get(name) else { return false }
        switch value.lowercased() {
        case "true", "1": return true
        case "false", "0": return false
        default: throw .badRequest("request.bad_parameter", "\(name) must be true or false (got \(value))")
        }
    }
}
