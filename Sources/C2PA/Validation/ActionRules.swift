/// The actions rules of C2PA 2.2 §18.14.2 as the reference checks them for claim v2 manifests
/// (c2pa-rs `Claim::verify_actions`; it skips claim v1 unless in strict mode, and so does this):
///
/// * the first actions assertion (created assertions first, then gathered) must start with
///   `c2pa.created` or `c2pa.opened`, except in an update manifest (`assertion.action.malformed`);
/// * `created`/`opened` may appear only as the first action of that assertion (`assertion.action.malformed`);
/// * an actions assertion must hold actions (`assertion.action.malformed`);
/// * `c2pa.opened`, `c2pa.placed` and `c2pa.removed` must name their ingredients in
///   `parameters.ingredients` (or v1 `parameters.ingredient`), and those must include an ingredient
///   assertion of this claim with relationship `parentOf` (opened) or `componentOf` (placed, removed):
///   `assertion.action.ingredientMismatch` otherwise.
struct ActionRules {
    let store: ManifestStore
    let manifest: Manifest
    let claim: Claim
    let base: String

    func check(log: inout StatusLog) {
        guard claim.version >= 2 else { return }
        let declared = store.declaredAssertions(of: manifest)
        let byLabel = Dictionary(declared.map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
        func actionsAssertions(in references: [HashedURI]) -> [AssertionBox] {
            references.compactMap { reference -> AssertionBox? in
                guard let label = reference.path.last, let box = byLabel[label],
                    box.baseLabel == "c2pa.actions" || box.baseLabel == "c2pa.actions.v2"
                else { return nil }
                return box
            }
        }
        let created = actionsAssertions(in: claim.createdAssertions)
        let gathered = actionsAssertions(in: claim.gatheredAssertions)
        var parsed: [(box: AssertionBox, actions: [CBORValue])] = []
        for box in created + gathered {
            guard let value = try? store.cbor(of: box.box) else { continue }
            parsed.append((box, value["actions"]?.arrayValue ?? []))
        }
        func startsWithCreatedOrOpened(_ box: AssertionBox?) -> Bool {
            guard let box, let entry = parsed.first(where: { $0.box.label == box.label }),
                let name = entry.actions.first?["action"]?.textValue
            else { return false }
            return name == "c2pa.created" || name == "c2pa.opened"
        }
        var first: String?
        if startsWithCreatedOrOpened(created.first) {
            first = created.first?.label
        } else if startsWithCreatedOrOpened(gathered.first) {
            first = gathered.first?.label
        }
        if first == nil && !manifest.isUpdateManifest && !parsed.isEmpty {
            log.failure(StatusCode.actionMalformed, url: base, "the first action must be c2pa.created or c2pa.opened")
        }
        let ingredients = ingredientRelationships(declared)
        for (box, actions) in parsed {
            let url = "\(base)/c2pa.assertions/\(box.label)"
            if actions.isEmpty {
                log.failure(StatusCode.actionMalformed, url: url, "the actions assertion holds no action")
            }
            for (index, action) in actions.enumerated() {
                let name = action["action"]?.textValue ?? ""
                if name.isEmpty { log.failure(StatusCode.actionMalformed, url: url, "an action has no name") }
                if name == "c2pa.created" || name == "c2pa.opened" {
                    if let first, first != box.label {
                        log.failure(StatusCode.actionMalformed, url: url, "only the first actions assertion may create or open")
                    }
                    if index != 0 { log.failure(StatusCode.actionMalformed, url: url, "created or opened must be the first action") }
                }
                guard let relationship = ["c2pa.opened": "parentOf", "c2pa.placed": "componentOf", "c2pa.removed": "componentOf"][name]
                else { continue }
                let parameters = action["parameters"]
                var named: [String] = []
                if let single = parameters?["ingredient"].flatMap(HashedURI.init) {
                    named = [single.path.last ?? ""]
                } else if let list = parameters?["ingredients"]?.arrayValue {
                    named = list.compactMap { HashedURI($0)?.path.last }
                    if list.isEmpty {
                        log.failure(StatusCode.actionIngredientMismatch, url: url, "\(name) names an empty ingredients list")
                        continue
                    }
                } else {
                    log.failure(StatusCode.actionIngredientMismatch, url: url, "\(name) must name its ingredients in its parameters")
                    continue
                }
                if !named.contains(where: { ingredients[$0] == relationship }) {
                    log.failure(
                        StatusCode.actionIngredientMismatch, url: url, "\(name) names no \(relationship) ingredient of this manifest")
                }
            }
        }
    }

    /// The relationship of each declared ingredient assertion, by assertion label.
    private func ingredientRelationships(_ declared: [AssertionBox]) -> [String: String] {
        var result: [String: String] = [:]
        for box in declared where ["c2pa.ingredient", "c2pa.ingredient.v2", "c2pa.ingredient.v3"].contains(box.baseLabel) {
            guard let value = try? store.cbor(of: box.box) else { continue }
            result[box.label] = IngredientAssertion(value).relationship ?? ""
        }
        return result
    }
}
