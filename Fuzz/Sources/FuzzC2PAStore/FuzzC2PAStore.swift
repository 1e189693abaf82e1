import ByteParsing
import C2PA
import Foundation
import FuzzSupport

/// Trust settings with the repository's own test PKI (Samples/c2pa/pki), loaded once.
let verifier: C2PAVerifier = {
    let pki = FuzzSupport.samplesDirectory + "/c2pa/pki/"
    let anchors = try? String(contentsOfFile: pki + "trust_anchors.pem", encoding: .utf8)
    let config = try? String(contentsOfFile: pki + "trust_config.cfg", encoding: .utf8)
    let trust = (try? TrustSettings.load(trustAnchorsPEM: anchors, allowedSignersPEM: nil, trustConfig: config)) ?? TrustSettings()
    return C2PAVerifier(trust: trust, limits: FuzzSupport.limits)
}()

/// The whole C2PA verifier on an asset: store location in JPEG/PNG, JUMBF, manifests, claim and
/// assertion validation, hash bindings, COSE signature, certificate chain, time-stamps and the report.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzC2PAStore(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    let result = verifier.verify(bytes)
    _ = result.detailedJSON()
    return 0
}
