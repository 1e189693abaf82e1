import ByteParsing
import C2PA
import FuzzSupport

/// COSE_Sign1 structure parsing (tag 18, protected/unprotected headers, x5chain, algorithm) and the
/// Sig_structure and time-stamp imprint builders.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCOSE(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    guard let value = try? CBORDecoder().decode(bytes), let sign1 = try? COSESign1(value) else { return 0 }
    if let alg = sign1.header(intKey: 1) { _ = COSEAlgorithm(header: alg.value) }
    _ = sign1.header(intKey: 33, textKey: "x5chain")
    _ = sign1.signatureInput(detachedPayload: [1, 2, 3])
    _ = sign1.timeStampImprintInput(version: 2, detachedPayload: [1, 2, 3])
    return 0
}
