import C2PA
import ImageContainers

extension C2PASummary {
    /// The report view of a verifier result.
    init(_ result: C2PAResult) {
        self.init(
            state: ManifestState(rawValue: result.state.rawValue) ?? .error,
            failures: result.failures,
            successes: result.successes,
            informational: result.informational,
            digitalSourceType: result.digitalSourceType,
            signer: result.signer,
            signingTime: result.signingTime,
            claimGenerator: result.claimGenerator,
            aiInHistory: result.aiInHistory,
            manifestCount: result.manifestCount,
            message: result.errorMessage,
            errorCode: result.errorCode,
            errorOffset: result.errorOffset,
            ingredientCount: result.ingredients.count,
            aiIngredientCount: Self.aiIngredientCount(result),
            activeManifest: result.activeManifest,
            title: result.title,
            issuer: result.issuer,
            signatureAlgorithm: result.manifests.last?.algorithm,
            actions: result.manifests.last?.actions.map(\.action) ?? [])
    }

    /// Ingredient manifests that still verify and declare generative AI in their actions (an ingredient that
    /// fails verification says nothing reliable about its history).
    static func aiIngredientCount(_ result: C2PAResult) -> Int {
        let trusted = Set(result.ingredients.filter { $0.state != .invalid && $0.state != .error }.map(\.label))
        return result.manifests.dropLast().filter { manifest in
            trusted.contains(manifest.label)
                && manifest.actions.contains { DigitalSourceType(declared: $0.digitalSourceType)?.isGenerativeAI ?? false }
        }.count
    }
}
