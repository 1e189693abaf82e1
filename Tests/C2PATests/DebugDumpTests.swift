import C2PA
import Foundation
import Testing

/// Prints the full result for the files listed in `C2PA_DEBUG_FILES` (colon-separated); does nothing otherwise.
@Test("debug dump of C2PA_DEBUG_FILES")
func debugDump() throws {
    guard let list = ProcessInfo.processInfo.environment["C2PA_DEBUG_FILES"] else { return }
    var settings = TrustSettings()
    let environment = ProcessInfo.processInfo.environment
    settings = try TrustSettings.load(
        trustAnchorsPEM: try environment["C2PA_DEBUG_ANCHORS"].map { try String(contentsOfFile: $0, encoding: .utf8) },
        allowedSignersPEM: nil, trustConfig: nil,
        timeStampAnchorsPEM: try environment["C2PA_DEBUG_TSA"].map { try String(contentsOfFile: $0, encoding: .utf8) })
    for path in list.split(separator: ":") {
        let result = C2PAVerifier(trust: settings).verify(contentsOf: String(path))
        print("== \(path): \(result.state) \(result.errorMessage ?? "")")
        for report in result.manifests {
            print("  manifest \(report.label) signer=\(report.signer ?? "-") alg=\(report.algorithm ?? "-") time=\(report.signingTime ?? "-")")
            for entry in report.status.failure { print("    F \(entry.code) \(entry.url ?? "") \(entry.explanation)") }
            for entry in report.status.success { print("    S \(entry.code) \(entry.url ?? "")") }
            for entry in report.status.informational { print("    I \(entry.code) \(entry.explanation)") }
        }
        if ProcessInfo.processInfo.environment["C2PA_DEBUG_DETAILED"] != nil { print(result.detailedJSON()) }
    }
}

/// Writes the x5chain and time-stamp tokens of `C2PA_DEBUG_COSE` (a file) to /tmp for inspection.
@Test("debug COSE extraction")
func debugCOSE() throws {
    guard let path = ProcessInfo.processInfo.environment["C2PA_DEBUG_COSE"] else { return }
    let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
    let location = try StoreLocator.locate(bytes)
    guard let embedded = location.stores.first else { return }
    let store = try ManifestStore(bytes: embedded.bytes)
    guard let manifest = store.activeManifest, let box = manifest.signatureBox, let content = box.content(ofType: "cbor") else { return }
    let cose = try COSESign1(try CBORDecoder().decode(store.bytes, range: content.payloadRange))
    for (index, der) in cose.certificateChain.enumerated() {
        try Data(der).write(to: URL(fileURLWithPath: "/tmp/c2pa_cert\(index).der"))
    }
    for (index, token) in cose.timeStampTokens.enumerated() {
        try Data(token.token).write(to: URL(fileURLWithPath: "/tmp/c2pa_tst\(index).der"))
    }
}

/// Prints the COSE headers and payload of every `cawg.identity` assertion of `C2PA_DEBUG_CAWG` files.
@Test("debug CAWG extraction")
func debugCAWG() throws {
    guard let list = ProcessInfo.processInfo.environment["C2PA_DEBUG_CAWG"] else { return }
    for path in list.split(separator: ":") {
        let bytes = Array(try Data(contentsOf: URL(fileURLWithPath: String(path))))
        guard let embedded = try StoreLocator.locate(bytes).stores.first else { continue }
        let store = try ManifestStore(bytes: embedded.bytes)
        print("== \(path.split(separator: "/").last ?? "")")
        for manifest in store.manifests {
            for assertion in manifest.assertions where assertion.label.hasPrefix("cawg.identity") {
                let value = try store.cbor(of: assertion.box)
                guard let signature = value["signature"]?.bytesValue,
                    let cose = try? COSESign1(try CBORDecoder().decode(signature)) else { print("  unreadable"); continue }
                print("  \(manifest.label) protected: \(cose.protected)")
                print("  unprotected keys: \((cose.unprotected.mapEntries ?? []).map { "\($0.key)" })")
                if let payload = cose.payload { print("  payload: \(String(decoding: payload, as: UTF8.self).prefix(2500))") }
            }
        }
    }
}

/// Prints the encoded result of the files in `C2PA_DEBUG_JSON`.
@Test("debug JSON of C2PA_DEBUG_JSON")
func debugJSON() throws {
    guard let list = ProcessInfo.processInfo.environment["C2PA_DEBUG_JSON"] else { return }
    for path in list.split(separator: ":") {
        var result = C2PAVerifier().verify(contentsOf: String(path))
        result.manifests = []
        print(String(decoding: try JSONEncoder().encode(result), as: UTF8.self))
    }
}

/// Prints how long each verification phase takes over the files in `C2PA_DEBUG_PROFILE` (a directory).
@Test("debug phase timings")
func debugProfile() throws {
    guard let directory = ProcessInfo.processInfo.environment["C2PA_DEBUG_PROFILE"] else { return }
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".jpg") || $0.hasSuffix(".png") }
    var read = Duration.zero, locate = Duration.zero, parse = Duration.zero, total = Duration.zero
    let clock = ContinuousClock()
    for name in files {
        let path = directory + "/" + name
        var bytes: [UInt8] = []
        read += clock.measure { bytes = Array(FileManager.default.contents(atPath: path) ?? Data()) }
        var location: StoreLocation?
        locate += clock.measure { location = try? StoreLocator.locate(bytes) }
        if let store = location?.stores.first { parse += clock.measure { _ = try? ManifestStore(bytes: store.bytes) } }
        total += clock.measure { _ = C2PAVerifier().verify(bytes) }
    }
    print("files \(files.count) read \(read) locate \(locate) parse \(parse) verify-total \(total)")
}
