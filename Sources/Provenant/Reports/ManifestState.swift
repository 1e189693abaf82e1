/// The outcome of C2PA verification, as written in `provenance.c2pa.state`.
public enum ManifestState: String, Sendable, Hashable, Codable, CaseIterable {
    /// The file carries no C2PA manifest store.
    case absent
    /// The manifest verified (signature, bindings, certificate profile) but its signer is not in the trust list.
    case valid
    /// The manifest verified and its signer chains to a configured trust anchor.
    case trusted
    /// A manifest is present but a check failed: the provenance was tampered with or is broken.
    case invalid
    /// Verification could not run (for example the manifest store could not be parsed).
    case error

    /// Whether the manifest verified (``valid`` or ``trusted``).
    public var isVerified: Bool { self == .valid || self == .trusted }
}
