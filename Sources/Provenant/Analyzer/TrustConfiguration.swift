/// Where the C2PA trust settings come from: PEM bundles and the EKU configuration, as text.
///
/// With no anchors a manifest that verifies is reported `valid`, never `trusted`.
public struct TrustConfiguration: Sendable, Hashable {
    /// PEM bundle of trust anchors (root or intermediate certificates).
    public var trustAnchorsPEM: String?
    /// PEM bundle of end-entity signing certificates accepted as they are.
    public var allowedSignersPEM: String?
    /// The EKU configuration: accepted EKU OIDs, one per line, `//` comments.
    public var trustConfig: String?

    /// Creates a trust configuration.
    public init(trustAnchorsPEM: String? = nil, allowedSignersPEM: String? = nil, trustConfig: String? = nil) {
        self.trustAnchorsPEM = trustAnchorsPEM
        self.allowedSignersPEM = allowedSignersPEM
        self.trustConfig = trustConfig
    }

    /// Reads the three files (each optional) into a configuration.
    public static func load(trustAnchors: String?, allowedSigners: String?, trustConfig: String?) throws(ReportError)
        -> TrustConfiguration
    {
        TrustConfiguration(
            trustAnchorsPEM: try trustAnchors.map(Self.readText),
            allowedSignersPEM: try allowedSigners.map(Self.readText),
            trustConfig: try trustConfig.map(Self.readText))
    }

    static func readText(_ path: String) throws(ReportError) -> String {
        let bytes = try FileReader.read(path: path, maxBytes: 16 * 1024 * 1024)
        return String(decoding: bytes, as: UTF8.self)
    }
}
