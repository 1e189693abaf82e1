import ByteParsing
import C2PA
import FuzzSupport

/// The CBOR decoder, with a round-trip oracle: the preferred re-encoding of a decoded item must
/// decode again and re-encode to the same bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCBOR(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    let decoder = CBORDecoder()
    guard let value = try? decoder.decode(bytes) else {
        var reader = ByteReader(bytes)
        _ = try? decoder.decodeNext(&reader)
        return 0
    }
    let encoded = CBOREncoder.encode(value)
    guard let again = try? decoder.decode(encoded) else {
        preconditionFailure("the re-encoding of a decoded CBOR item does not decode")
    }
    precondition(CBOREncoder.encode(again) == encoded, "CBOR round trip changed the encoding")
    return 0
}
