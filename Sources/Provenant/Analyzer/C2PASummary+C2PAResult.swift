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
            aiIngredientCount: result.manifests.dropLast().filter { manifest in
                manifest.actions.contains { DigitalSourceType(declared: $0.digitalSourceType)?.isGenerativeAI ?? false }
            }.count,
            activeManifest: result.activeManifest,
            title: result.title,
            issuer: result.issuer,
            signatureAlgorithm: result.manifests.last?.algorithm,
            actions: result.manifests.last?.actions.map(\.action) ?? [])
    }
}
