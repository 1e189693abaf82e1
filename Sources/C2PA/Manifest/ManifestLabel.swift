/// The shape of a manifest label (C2PA 2.2 §8.1): `urn:c2pa:<uuid>[:<claim generator id>[:<version>[_<reason>]]]`,
/// or the 1.x forms `urn:uuid:<uuid>` and `<vendor>:urn:uuid:<uuid>`.
enum ManifestLabel {
    /// Whether `label` has one of the shapes above, as the reference parses them (c2pa-rs
    /// `manifest_label_to_parts`): at most 32 printable ASCII characters without spaces for the
    /// generator id, and decimal version and reason numbers.
    static func isWellFormed(_ label: String) -> Bool {
        let parts = label.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count >= 3 else { return false }
        if parts[0] == "urn" {
            if parts[1] == "uuid" { return true }
            guard parts[1] == "c2pa", parts.count <= 5 else { return false }
            if parts.count > 3, !parts[3].isEmpty {
                let vendor = parts[3]
                guard vendor.count <= 32, vendor.allSatisfy({ $0.isASCII && $0 != " " && $0 != "\t" && $0 != "\n" }) else { return false }
            }
            if parts.count > 4, !parts[4].isEmpty {
                let versionParts = parts[4].split(separator: "_", omittingEmptySubsequences: false)
                guard versionParts.count <= 2, versionParts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigitCharacter) }) else {
                    return false
                }
            }
            return true
        }
        if parts[1] == "urn" { return parts.count == 4 && parts[2] == "uuid" }
        return false
    }
}
