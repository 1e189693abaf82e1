/// A `c2pa.ingredient` (v1, v2, v3) assertion (C2PA 2.2 §18.15).
struct IngredientAssertion: Sendable, Hashable {
    let title: String?
    let relationship: String?
    /// `activeManifest` (v3) or `c2pa_manifest` (v1/v2).
    let manifest: HashedURI?
    /// `claimSignature` (v3).
    let claimSignature: HashedURI?
    /// Failure codes recorded in `validationResults` / `validationStatus`.
    let recordedFailures: [String]

    init(_ value: CBORValue) {
        title = value["dc:title"]?.textValue ?? value["title"]?.textValue
        relationship = value["relationship"]?.textValue
        manifest = (value["activeManifest"] ?? value["c2pa_manifest"]).flatMap(HashedURI.init)
        claimSignature = value["claimSignature"].flatMap(HashedURI.init)
        var failures: [String] = []
        if let results = value["validationResults"] {
            for entry in results["activeManifest"]?["failure"]?.arrayValue ?? [] {
                if let code = entry["code"]?.textValue { failures.append(code) }
            }
        }
        for entry in value["validationStatus"]?.arrayValue ?? [] {
            if let code = entry["code"]?.textValue { failures.append(code) }
        }
        recordedFailures = failures
    }
}
