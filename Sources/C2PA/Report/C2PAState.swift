/// The overall outcome of C2PA verification for an asset.
public enum C2PAState: String, Codable, Sendable {
    /// No manifest store in the asset.
    case absent
    /// Well-formed, unmodified and correctly signed, but the signer is not trusted (or trust was not configured).
    case valid
    /// Valid and the signer chains to a configured trust anchor (or is an allowed signer).
    case trusted
    /// Something failed: signature, hashes, certificate profile, …
    case invalid
    /// The store could not be read or validation could not run (remote-only manifest, unknown algorithm, …).
    case error
}
