import ByteParsing
import C2PA
import Foundation
import FuzzSupport

/// Trust settings with the repository's own test PKI (Samples/c2pa/pki), loaded once.
let trust: TrustSettings = {
    let pki = FuzzSupport.samplesDirectory + "/c2pa/pki/"
    let anchors = try? String(contentsOfFile: pki + "trust_anchors.pem", encoding: .utf8)
    let config = try? String(contentsOfFile: pki + "trust_config.cfg", encoding: .utf8)
    return (try? TrustSettings.load(trustAnchorsPEM: anchors, allowedSignersPEM: nil, trustConfig: config)) ?? TrustSettings()
}()

/// X.509 parsing, the C2PA certificate profile and chain building to the test anchors. The input is
/// a sequence of certificates, each prefixed by a 2-byte big-endian length (signer first).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzX509(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    var reader = ByteReader(bytes)
    var chain: [[UInt8]] = []
    while !reader.isAtEnd, chain.count < 20 {
        guard let length = try? reader.readUInt16() else { break }
        guard let der = try? reader.readBytes(Int(length)) else {
            chain.append(Array(reader.readRemaining()))
            break
        }
        chain.append(Array(der))
    }
    // 2025-06-01, inside the validity of the test PKI's certificates.
    _ = trust.evaluateChain(chain, at: Date(timeIntervalSince1970: 1_748_736_000))
    return 0
}
