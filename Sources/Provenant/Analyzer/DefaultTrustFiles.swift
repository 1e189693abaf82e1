/// The file names read from an installed trust directory (``ResourceLocator/trustDirectory()``) when no
/// trust option is given. Each file is optional; a file that is present must be valid.
public enum DefaultTrustFiles {
    /// PEM bundle of trust anchors.
    public static let anchors = "anchors.pem"
    /// PEM bundle of allowed signing certificates.
    public static let allowedSigners = "allowed-signers.pem"
    /// The EKU configuration.
    public static let trustConfig = "trust-config.cfg"
}
