extension C2PASummary {
    /// The summary as a report signal: `detected` is true when the manifest declares AI generation
    /// (or AI ingredients), false otherwise.
    public var signal: Signal {
        let sourceClass = sourceTypeClass
        let declaresAI = sourceClass == .aiGenerated || aiInHistory
        let declared = digitalSourceType.map(DigitalSourceTypeClass.displayTerm(of:))
        var detail: String
        switch state {
        case .absent: detail = "no Content Credentials"
        case .error: detail = "Content Credentials could not be verified: \(message ?? "unknown error")"
        case .invalid: detail = "\(invalidWording): \(failures.joined(separator: ", "))"
        case .valid: detail = "valid Content Credentials (signer not in the trust list)"
        case .trusted: detail = "trusted Content Credentials"
        }
        if state != .absent, state != .error {
            if let signer { detail += "; signed by \(signer)" }
            if let declared { detail += "; declares \(declared)" }
            if aiIngredientCount > 0 { detail += "; AI-generated ingredients in history" }
        }
        return Signal(kind: .c2pa, name: "manifest", detected: state == .absent ? nil : declaresAI, score: nil, detail: detail)
    }
}
