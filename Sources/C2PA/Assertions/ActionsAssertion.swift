/// One action of a `c2pa.actions` / `c2pa.actions.v2` assertion (C2PA 2.2 §18.14).
public struct C2PAAction: Sendable, Hashable, Codable {
    /// The action name (`c2pa.created`, `c2pa.opened`, …).
    public let action: String
    /// The declared digital source type, trimmed (also read from vendor keys ending in `.digitalSourceType`).
    public let digitalSourceType: String?
    /// The software agent name, when given.
    public let softwareAgent: String?
}

/// Reads actions assertions.
enum ActionsAssertion {
    /// The actions of an actions assertion value.
    static func actions(in value: CBORValue) -> [C2PAAction] {
        (value["actions"]?.arrayValue ?? []).compactMap { item in
            guard let name = item["action"]?.textValue else { return nil }
            return C2PAAction(action: name, digitalSourceType: digitalSourceType(of: item), softwareAgent: softwareAgent(of: item))
        }
    }

    private static func digitalSourceType(of action: CBORValue) -> String? {
        if let direct = action["digitalSourceType"]?.textValue, let trimmed = nonEmpty(direct) { return trimmed }
        guard let parameters = action["parameters"]?.mapEntries else { return nil }
        for entry in parameters {
            guard let key = entry.key.textValue, key == "digitalSourceType" || key.hasSuffix(".digitalSourceType"),
                let text = entry.value.textValue, let trimmed = nonEmpty(text)
            else { continue }
            return trimmed
        }
        return nil
    }

    private static func softwareAgent(of action: CBORValue) -> String? {
        switch action["softwareAgent"] {
        case .text(let name)?: return name
        case .map?: return action["softwareAgent"]?["name"]?.textValue
        default: return nil
        }
    }

    private static func nonEmpty(_ text: String) -> String? {
        let trimmed = text.trimmingWhitespace()
        return trimmed.isEmpty ? nil : trimmed
    }
}
