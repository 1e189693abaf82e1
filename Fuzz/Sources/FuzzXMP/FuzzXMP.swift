import ByteParsing
import FuzzSupport
import ImageContainers

/// XMP packet tokenising and property extraction on arbitrary (also invalid UTF-8) text.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzXMP(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    _ = XMPParser.parse(String(decoding: bytes, as: UTF8.self), limits: FuzzSupport.limits)
    return 0
}
