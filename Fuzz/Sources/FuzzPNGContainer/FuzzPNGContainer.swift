import ByteParsing
import FuzzSupport
import ImageContainers

/// PNG chunk walk (with and without CRC checking, so mutations get past the CRC) and the container
/// summary (IHDR, text chunks with inflate, iCCP, eXIf, XMP).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPNGContainer(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    for requireCRC in [false, true] {
        if let walk = try? PNGChunkParser.parse(bytes, limits: FuzzSupport.limits, requireValidCRC: requireCRC) {
            for chunk in walk.chunks {
                precondition(chunk.dataRange.upperBound <= bytes.count, "chunk data outside the input")
            }
        }
    }
    _ = try? ContainerParser.parse(bytes, limits: FuzzSupport.limits)
    return 0
}
