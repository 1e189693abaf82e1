import Foundation

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
    /// Whether C2PA verification drops the claim v1 leniencies kept to match the reference
    /// (`TrustSettings.strict`; `--strict` on the command line).
    public var strict: Bool

    /// Creates a trust configuration.
    public init(trustAnchorsPEM: String? = nil, allowedSignersPEM: String? = nil, trustConfig: String? = nil, strict: Bool = false) {
        self.trustAnchorsPEM = trustAnchorsPEM
        self.allowedSignersPEM = allowedSignersPEM
        self.trustConfig = trustConfig
        self.strict = strict
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

extension TrustConfiguration {
    /// The installed default trust settings: the files of ``DefaultTrustFiles`` present in the trust
    /// directory ``ResourceLocator`` finds, or `nil` when there is no trust directory.
    /// A file that is present but unreadable is an error, never silently skipped.
    public static func installedDefaults(locator: ResourceLocator = ResourceLocator()) throws(ReportError)
        -> (configuration: TrustConfiguration, directory: String)?
    {
        guard let directory = locator.trustDirectory()?.path else { return nil }
        func file(_ name: String) -> String? {
            let path = directory + "/" + name
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        let configuration = try load(
            trustAnchors: file(DefaultTrustFiles.anchors), allowedSigners: file(DefaultTrustFiles.allowedSigners),
            trustConfig: file(DefaultTrustFiles.trustConfig))
        return (configuration, directory)
    }
}
