import ByteParsing
import FuzzSupport
import ImageContainers

/// EXIF/TIFF IFD walking, strict and tolerant (offset cycles, depth, entry counts).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEXIF(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    let strict = try? EXIFParser.parse(bytes, limits: FuzzSupport.limits)
    let tolerant = try? EXIFParser.parseTolerant(bytes, limits: FuzzSupport.limits)
    if strict != nil { precondition(tolerant != nil, "tolerant EXIF parse failed where the strict one succeeded") }
    return 0
}
