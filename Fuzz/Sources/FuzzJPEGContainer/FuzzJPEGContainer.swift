import ByteParsing
import FuzzSupport
import ImageContainers

/// JPEG marker/segment walk and the container summary (APPn, EXIF, XMP, ICC, quantisation tables).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJPEGContainer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    if let walk = try? JPEGSegmentParser.parse(bytes, limits: FuzzSupport.limits) {
        for segment in walk.segments {
            precondition(segment.payloadRange.lowerBound >= 0 && segment.payloadRange.upperBound <= bytes.count,
                         "segment payload outside the input")
        }
    }
    _ = try? ContainerParser.parse(bytes, limits: FuzzSupport.limits)
    return 0
}
