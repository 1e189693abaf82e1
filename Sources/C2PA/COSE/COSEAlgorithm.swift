/// The signature algorithms C2PA allows (C2PA 2.2 §13.2).
public enum COSEAlgorithm: String, Sendable, Hashable, Codable {
    /// ECDSA with SHA-256 (COSE -7).
    case es256
    /// ECDSA with SHA-384 (COSE -35).
    case es384
    /// ECDSA with SHA-512 (COSE -36).
    case es512
    /// RSASSA-PSS with SHA-256 (COSE -37).
    case ps256
    /// RSASSA-PSS with SHA-384 (COSE -38).
    case ps384
    /// RSASSA-PSS with SHA-512 (COSE -39).
    case ps512
    /// EdDSA over Ed25519 (COSE -8).
    case ed25519

    /// Maps a COSE `alg` header value (integer or text) to an algorithm.
    public init?(header: CBORValue) {
        switch header {
        case .negative:
            switch header.intValue {
            case -7: self = .es256
            case -35: self = .es384
            case -36: self = .es512
            case -37: self = .ps256
            case -38: self = .ps384
            case -39: self = .ps512
            case -8: self = .ed25519
            default: return nil
            }
        case .text(let name):
            switch name.uppercased() {
            case "ES256": self = .es256
            case "ES384": self = .es384
            case "ES512": self = .es512
            case "PS256": self = .ps256
            case "PS384": self = .ps384
            case "PS512": self = .ps512
            case "EDDSA", "ED25519": self = .ed25519
            default: return nil
            }
        default: return nil
        }
    }
}
