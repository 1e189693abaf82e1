import ByteParsing
import FuzzSupport
import ImageDecoding

/// The pixel decoders through the C shims (libjpeg-turbo, libpng, setjmp error paths), at full and
/// reduced scale and with a region, plus the JPEG DCT-coefficient reader.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecoders(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    let selector = bytes.last ?? 0
    var options = DecodeOptions(limits: FuzzSupport.limits)
    switch selector % 4 {
    case 1: options.scale = .half
    case 2: options.region = PixelRegion(x: 1, y: 1, width: 7, height: 5)
    case 3: options.keepSixteenBit = true
    default: break
    }
    if let image = try? ImageDecoder.decode(bytes, options: options) {
        precondition(image.width > 0 && image.height > 0, "decoded an empty image")
    }
    _ = try? JPEGCoefficientReader.read(bytes, limits: FuzzSupport.limits)
    return 0
}
