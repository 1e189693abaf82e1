/// Verifies COSE signatures with a certificate's public key.
enum SignatureVerifier {
    /// Whether `signature` over `message` verifies with `key` under `algorithm`.
    ///
    /// ECDSA signatures are the raw `r || s` concatenation COSE prescribes, and each ES algorithm is
    /// bound to its curve (RFC 9053 §2.1; C2PA 2.2 §13.2): ES256 to P-256, ES384 to P-384, ES512 to
    /// P-521. PS* is RSASSA-PSS with MGF1 over the same hash and a salt as long as the hash. Any other
    /// pairing of algorithm and key is refused.
    static func verify(_ signature: [UInt8], message: [UInt8], key: VerificationKey, algorithm: COSEAlgorithm) -> Bool {
        switch (algorithm, key) {
        case (.es256, .p256): return SignatureCheck.ecdsa(signature, encoding: .raw, message: message, hash: .sha256, key: key)
        case (.es384, .p384): return SignatureCheck.ecdsa(signature, encoding: .raw, message: message, hash: .sha384, key: key)
        case (.es512, .p521): return SignatureCheck.ecdsa(signature, encoding: .raw, message: message, hash: .sha512, key: key)
        case (.ps256, .rsa): return SignatureCheck.rsa(signature, message: message, hash: .sha256, pss: true, key: key)
        case (.ps384, .rsa): return SignatureCheck.rsa(signature, message: message, hash: .sha384, pss: true, key: key)
        case (.ps512, .rsa): return SignatureCheck.rsa(signature, message: message, hash: .sha512, pss: true, key: key)
        case (.ed25519, .ed25519(let ed)): return ed.isValidSignature(signature, for: message)
        default: return false
        }
    }
}
