import Foundation

extension C2PAResult {
    /// The manifest store as a JSON object shaped like c2patool's manifest-store report, so tools written
    /// for c2patool can read Provenant's output: `active_manifest`, `manifests` (by label, each with
    /// `claim_generator`, `claim_generator_info`, `title`, `format`, `instance_id`, `ingredients` with their
    /// `validation_results`, `assertions` as `{label, data}`, `signature_info`, `label`),
    /// `validation_results` (`activeManifest` with `success`/`informational`/`failure` entries of
    /// `{code, url, explanation}`, and `ingredientDeltas`) and `validation_state` (`Invalid`, `Valid`, `Trusted`).
    ///
    /// Differences from c2patool are listed in `docs/cli.md` (no thumbnails, no `resource` references).
    public func c2patoolJSON() -> String {
        var root: [(String, JSONValue)] = []
        root.append(("active_manifest", activeManifest.map(JSONValue.string) ?? .null))
        var manifestsJSON: [(String, JSONValue)] = []
        if let store {
            for manifest in store.manifests {
                let report = manifests.first { $0.label == manifest.label }
                manifestsJSON.append((manifest.label, c2patoolManifest(manifest, store: store, report: report)))
            }
        }
        root.append(("manifests", .object(manifestsJSON)))
        if let active = manifests.last {
            var deltas: [JSONValue] = []
            for ingredient in ingredients where !ingredient.failures.isEmpty {
                deltas.append(.object([
                    ("uri", .string("self#jumbf=/c2pa/\(ingredient.label)")),
                    ("validationDeltas", Self.statusLists(success: [], informational: [],
                        failure: ingredient.failures.map { StatusEntry(code: StatusCode(rawValue: $0), url: nil, explanation: "") })),
                ]))
            }
            root.append(("validation_results", .object([
                ("activeManifest", Self.statusLists(
                    success: active.status.success, informational: active.status.informational, failure: active.status.failure)),
                ("ingredientDeltas", .array(deltas)),
            ])))
        } else if let errorMessage {
            root.append(("validation_results", .object([
                ("activeManifest", Self.statusLists(
                    success: [], informational: [],
                    failure: [StatusEntry(code: errorCode.map { StatusCode(rawValue: "general.error.\($0)") } ?? StatusCode.generalError, url: nil, explanation: errorMessage)])),
            ])))
        }
        let validationState: String
        switch state {
        case .trusted: validationState = "Trusted"
        case .valid: validationState = "Valid"
        case .invalid, .error: validationState = "Invalid"
        case .absent: validationState = "Invalid"
        }
        root.append(("validation_state", .string(validationState)))
        return JSONValue.object(root).serialized()
    }

    private func c2patoolManifest(_ manifest: Manifest, store: ManifestStore, report: ManifestReport?) -> JSONValue {
        var fields: [(String, JSONValue)] = []
        let claim = manifest.claim
        fields.append(("claim_generator", (claim?.claimGenerator).map(JSONValue.string) ?? .null))
        fields.append(("claim_generator_info", .array((claim?.generatorInfo ?? []).map { JSONValue(cbor: $0) })))
        fields.append(("title", (claim?.title ?? report?.title).map(JSONValue.string) ?? .null))
        fields.append(("format", (claim?.format).map(JSONValue.string) ?? .null))
        fields.append(("instance_id", (claim?.instanceID).map(JSONValue.string) ?? .null))
        var ingredientsJSON: [JSONValue] = []
        var assertionsJSON: [JSONValue] = []
        for assertion in manifest.assertions {
            let data: JSONValue
            if let content = assertion.box.content(ofType: "cbor"),
                let value = try? CBORDecoder().decode(store.bytes, range: content.payloadRange)
            {
                data = JSONValue(cbor: value)
                if assertion.baseLabel.hasPrefix("c2pa.ingredient") {
                    ingredientsJSON.append(c2patoolIngredient(value))
                    continue
                }
            } else if let content = assertion.box.content(ofType: "json"),
                let text = String(validating: store.bytes[content.payloadRange], as: UTF8.self)
            {
                data = .raw(text)
            } else {
                let size = assertion.box.children.filter { !$0.isSuperbox }.map(\.payloadRange.count).reduce(0, +)
                data = .object([("binary_bytes", .number(Double(size)))])
            }
            assertionsJSON.append(.object([("label", .string(assertion.label)), ("data", data)]))
        }
        fields.append(("ingredients", .array(ingredientsJSON)))
        fields.append(("assertions", .array(assertionsJSON)))
        var signature: [(String, JSONValue)] = []
        signature.append(("alg", (report?.algorithm).map(JSONValue.string) ?? .null))
        signature.append(("issuer", (report?.issuer).map(JSONValue.string) ?? .null))
        signature.append(("common_name", (report?.signer).map(JSONValue.string) ?? .null))
        signature.append(("time", (report?.signingTime).map(JSONValue.string) ?? .null))
        fields.append(("signature_info", .object(signature)))
        fields.append(("label", .string(manifest.label)))
        return .object(fields)
    }

    /// One ingredient as c2patool lists it: title, format, instance and document ids, relationship, the
    /// ingredient's manifest label, and the validation results recorded when it was ingested.
    private func c2patoolIngredient(_ value: CBORValue) -> JSONValue {
        func text(_ keys: String...) -> JSONValue {
            for key in keys { if let found = value[key]?.textValue { return .string(found) } }
            return .null
        }
        var fields: [(String, JSONValue)] = [
            ("title", text("dc:title", "title")), ("format", text("dc:format", "format")),
            ("instance_id", text("instanceID", "instance_id")), ("document_id", text("documentID", "document_id")),
            ("relationship", text("relationship")),
        ]
        let manifestURL = (value["activeManifest"] ?? value["c2pa_manifest"])?["url"]?.textValue
        fields.append(("active_manifest", manifestURL.map { .string($0.components(separatedBy: "/").last ?? $0) } ?? .null))
        if let results = value["validationResults"] {
            fields.append(("validation_results", JSONValue(cbor: results)))
        } else if let status = value["validationStatus"] {
            fields.append(("validation_status", JSONValue(cbor: status)))
        }
        return .object(fields)
    }

    private static func statusLists(success: [StatusEntry], informational: [StatusEntry], failure: [StatusEntry]) -> JSONValue {
        func list(_ entries: [StatusEntry]) -> JSONValue {
            .array(entries.map { entry in
                .object([
                    ("code", .string(entry.code.rawValue)), ("url", entry.url.map(JSONValue.string) ?? .null),
                    ("explanation", .string(entry.explanation)),
                ])
            })
        }
        return .object([("success", list(success)), ("informational", list(informational)), ("failure", list(failure))])
    }
}
