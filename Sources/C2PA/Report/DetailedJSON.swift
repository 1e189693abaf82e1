import Foundation

extension C2PAResult {
    /// A JSON dump of the manifest store (claims, assertions, signature summary and validation
    /// statuses per manifest), in the spirit of c2patool's `--detailed` report.
    public func detailedJSON() -> String {
        var root: [(String, JSONValue)] = []
        root.append(("state", .string(state.rawValue)))
        if let activeManifest { root.append(("active_manifest", .string(activeManifest))) }
        if let errorMessage { root.append(("error", .string(errorMessage))) }
        var manifestsJSON: [(String, JSONValue)] = []
        if let store {
            for manifest in store.manifests {
                let report = manifests.first { $0.label == manifest.label }
                manifestsJSON.append((manifest.label, detailed(manifest, store: store, report: report)))
            }
        }
        root.append(("manifests", .object(manifestsJSON)))
        return JSONValue.object(root).serialized()
    }

    private func detailed(_ manifest: Manifest, store: ManifestStore, report: ManifestReport?) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        if let claim = manifest.claim {
            fields.append(("claim_version", .number(Double(claim.version))))
            fields.append(("claim", JSONValue(cbor: claim.value)))
        }
        var assertions: [(String, JSONValue)] = []
        for assertion in manifest.assertions {
            if let content = assertion.box.content(ofType: "cbor"),
                let value = try? CBORDecoder().decode(store.bytes, range: content.payloadRange) {
                assertions.append((assertion.label, JSONValue(cbor: value)))
            } else if let content = assertion.box.content(ofType: "json"),
                let text = String(validating: store.bytes[content.payloadRange], as: UTF8.self) {
                assertions.append((assertion.label, .raw(text)))
            } else {
                let size = assertion.box.children.filter { !$0.isSuperbox }.map(\.payloadRange.count).reduce(0, +)
                assertions.append((assertion.label, .object([("binary_bytes", .number(Double(size)))])))
            }
        }
        fields.append(("assertion_store", .object(assertions)))
        if let report {
            var signature: [(String, JSONValue)] = []
            if let algorithm = report.algorithm { signature.append(("alg", .string(algorithm))) }
            if let signer = report.signer { signature.append(("common_name", .string(signer))) }
            if let issuer = report.issuer { signature.append(("issuer", .string(issuer))) }
            if let time = report.signingTime { signature.append(("time", .string(time))) }
            fields.append(("signature", .object(signature)))
            func list(_ entries: [StatusEntry]) -> JSONValue {
                .array(entries.map { entry in
                    var object: [(String, JSONValue)] = [("code", .string(entry.code.rawValue))]
                    if let url = entry.url { object.append(("url", .string(url))) }
                    object.append(("explanation", .string(entry.explanation)))
                    return .object(object)
                })
            }
            fields.append(("validation_results", .object([
                ("success", list(report.status.success)), ("informational", list(report.status.informational)),
                ("failure", list(report.status.failure)),
            ])))
        }
        return .object(fields)
    }
}

/// A minimal JSON tree with ordered objects, used for the detailed dump.
enum JSONValue {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])
    case raw(String)

    /// Converts CBOR to JSON: byte strings become `{"bytes_b64": …}` (long ones only their length).
    init(cbor: CBORValue, depth: Int = 0) {
        guard depth < 64 else {
            self = .null
            return
        }
        switch cbor {
        case .unsigned(let value): self = .number(Double(value))
        case .negative(let value): self = .number(-1 - Double(value))
        case .bytes(let bytes):
            self = bytes.count <= 256
                ? .object([("bytes_b64", .string(Data(bytes).base64EncodedString()))])
                : .object([("bytes_length", .number(Double(bytes.count)))])
        case .text(let text): self = .string(text)
        case .array(let items): self = .array(items.map { JSONValue(cbor: $0, depth: depth + 1) })
        case .map(let entries):
            self = .object(entries.map { entry in
                let key: String
                switch entry.key {
                case .text(let text): key = text
                default: key = JSONValue(cbor: entry.key, depth: depth + 1).serialized()
                }
                return (key, JSONValue(cbor: entry.value, depth: depth + 1))
            })
        case .tagged(let tag, let inner):
            self = .object([("tag", .number(Double(tag))), ("value", JSONValue(cbor: inner, depth: depth + 1))])
        case .bool(let flag): self = .bool(flag)
        case .null, .undefined: self = .null
        case .simple(let value): self = .number(Double(value))
        case .float(let value): self = value.isFinite ? .number(value) : .null
        }
    }

    func serialized() -> String {
        var output = ""
        write(to: &output)
        return output
    }

    private func write(to output: inout String) {
        switch self {
        case .null: output += "null"
        case .bool(let flag): output += flag ? "true" : "false"
        case .number(let value):
            if value == value.rounded(), abs(value) < 1e15 { output += String(Int64(value)) } else { output += String(value) }
        case .string(let text): Self.writeString(text, to: &output)
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.write(to: &output)
            }
            output += "]"
        case .object(let fields):
            output += "{"
            for (index, field) in fields.enumerated() {
                if index > 0 { output += "," }
                Self.writeString(field.0, to: &output)
                output += ":"
                field.1.write(to: &output)
            }
            output += "}"
        case .raw(let text): output += text
        }
    }

    private static func writeString(_ text: String, to output: inout String) {
        output += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        output += "\""
    }
}
