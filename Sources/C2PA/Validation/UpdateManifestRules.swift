/// The rules of an update manifest (`c2um`, C2PA 2.2 §11.2 "update manifests", status codes §15.2):
/// a manifest added to an asset whose content did not change, so it inherits its parent's hard binding.
///
/// * exactly one ingredient assertion, with relationship `parentOf`: no `parentOf` ingredient, or more
///   than one, is `manifest.update.wrongParents` (the code's definition in the status-code table);
///   another ingredient beside the one parent is `manifest.update.invalid`;
/// * no hard-binding assertion of its own (`c2pa.hash.*`): `manifest.update.invalid`;
/// * no claim thumbnail (`c2pa.thumbnail.claim*`): `manifest.update.invalid`;
/// * actions only from `c2pa.edited.metadata`, `c2pa.opened`, `c2pa.published`, `c2pa.redacted`:
///   `manifest.update.invalid` otherwise.
///
/// Only the assertions the claim references count (``ManifestStore/declaredAssertions(of:)``). Where
/// c2pa-rs 0.91 differs (``ReferenceRule/updateManifestRules``): it never flags a hard binding in an
/// update manifest (its check sits on a path update manifests do not take), it flags thumbnails only
/// from the second one on, and it names two `parentOf` ingredients `manifest.update.invalid`.
struct UpdateManifestRules {
    let store: ManifestStore
    let manifest: Manifest
    let claim: Claim
    let base: String

    /// Actions an update manifest may record.
    static let allowedActions: Set<String> = ["c2pa.edited.metadata", "c2pa.opened", "c2pa.published", "c2pa.redacted"]

    /// Base labels of hard-binding assertions.
    static let hardBindingLabels: Set<String> = [
        "c2pa.hash.data", "c2pa.hash.boxes", "c2pa.hash.bmff", "c2pa.hash.bmff.v2", "c2pa.hash.bmff.v3", "c2pa.hash.collection.data",
        "c2pa.hash.multi-asset",
    ]

    /// Logs the failures of an update manifest; does nothing for a standard manifest.
    func check(log: inout StatusLog) {
        guard manifest.isUpdateManifest else { return }
        let url = "\(base)/\(claim.version >= 2 ? "c2pa.claim.v2" : "c2pa.claim")"
        var ingredients = 0
        var parents = 0
        var invalid: [String] = []
        for assertion in store.declaredAssertions(of: manifest) {
            let label = assertion.baseLabel
            if Self.hardBindingLabels.contains(label) {
                invalid.append("an update manifest must not carry a hard binding (\(assertion.label))")
            } else if label.hasPrefix("c2pa.thumbnail.claim") {
                invalid.append("an update manifest must not carry a claim thumbnail (\(assertion.label))")
            } else if label == "c2pa.actions" || label == "c2pa.actions.v2" {
                guard let value = try? store.cbor(of: assertion.box) else { continue }
                for action in ActionsAssertion.actions(in: value) where !Self.allowedActions.contains(action.action) {
                    invalid.append("an update manifest may not record the action \(action.action)")
                }
            } else if ["c2pa.ingredient", "c2pa.ingredient.v2", "c2pa.ingredient.v3"].contains(label) {
                ingredients += 1
                if let value = try? store.cbor(of: assertion.box), IngredientAssertion(value).relationship == "parentOf" { parents += 1 }
            }
        }
        if parents != 1 {
            log.failure(
                StatusCode.manifestUpdateWrongParents, url: url,
                "an update manifest must have exactly one parentOf ingredient (found \(parents))")
        } else if ingredients > 1 {
            invalid.append("an update manifest must have exactly one ingredient (found \(ingredients))")
        }
        for reason in invalid { log.failure(StatusCode.manifestUpdateInvalid, url: url, reason) }
    }

    /// The label of the `parentOf` ingredient manifest of `manifest`, when one is named.
    static func parentLabel(of manifest: Manifest, in store: ManifestStore) -> (label: String, reference: HashedURI)? {
        for assertion in store.declaredAssertions(of: manifest)
        where ["c2pa.ingredient", "c2pa.ingredient.v2", "c2pa.ingredient.v3"].contains(assertion.baseLabel) {
            guard let value = try? store.cbor(of: assertion.box) else { continue }
            let ingredient = IngredientAssertion(value)
            guard ingredient.relationship == "parentOf", let reference = ingredient.manifest else { continue }
            return (reference.manifestLabel ?? reference.path.last ?? "", reference)
        }
        return nil
    }
}
