import ByteParsing
import C2PA
import FuzzSupport

/// JUMBF superbox tree parsing and the manifest-store model built on it (manifests, claims, assertions,
/// URI resolution, CBOR payloads).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJUMBF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    if let root = try? JUMBFParser(limits: FuzzSupport.limits).parseStore(bytes) {
        precondition(root.range.upperBound <= bytes.count && root.payloadRange.upperBound <= bytes.count,
                     "box outside the input")
    }
    guard let store = try? ManifestStore(bytes: bytes, limits: FuzzSupport.limits) else { return 0 }
    for manifest in store.manifests {
        for assertion in manifest.assertions {
            _ = try? store.cbor(of: assertion.box)
        }
        _ = store.resolve("self#jumbf=c2pa.assertions/c2pa.actions", in: manifest)
    }
    return 0
}
