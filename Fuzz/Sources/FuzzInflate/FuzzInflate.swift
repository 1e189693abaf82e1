import ByteParsing
import FuzzSupport

/// ByteReader and the DEFLATE/zlib decoder: raw inflate and zlib inflate with a small output limit,
/// then a cursor walk driven by the input bytes (every read must fail cleanly at the end).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzInflate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = FuzzSupport.bytes(data, size)
    let limit = 1 << 20
    if let output = try? Inflate.deflate(bytes, limit: limit) {
        precondition(output.count <= limit, "inflate exceeded its limit")
    }
    if let output = try? Inflate.zlib(bytes, limit: limit) {
        precondition(output.count <= limit, "zlib inflate exceeded its limit")
    }
    _ = Adler32.checksum(bytes)
    _ = CRC32.checksum(bytes)

    var reader = ByteReader(bytes)
    var steps = 0
    while let op = reader.peekUInt8(), steps < 256 {
        steps += 1
        let before = reader.offset
        do {
            _ = try reader.readUInt8()
            switch op % 9 {
            case 0: _ = try reader.readUInt16(.little)
            case 1: _ = try reader.readUInt32(.big)
            case 2: _ = try reader.readUInt64(.little)
            case 3: _ = try reader.readInteger(byteCount: Int(op >> 4), .big)
            case 4: _ = try reader.readBytes(Int(op >> 3))
            case 5: var sub = try reader.subReader(Int(op >> 4)); _ = sub.readRemaining()
            case 6: try reader.seek(to: Int(op) % (bytes.count + 2))
            case 7: _ = try Int.checkedLength(UInt64(op) << 56, at: reader.offset)
            default:
                _ = try reader.atomically { (inner: inout ByteReader) throws(ParseError) -> UInt32 in try inner.readUInt32() }
            }
        } catch {
            precondition(error.offset == nil || error.offset! <= bytes.count, "error offset out of range")
            if reader.offset == before { break }
        }
        precondition(reader.offset <= reader.endOffset, "cursor past the end")
        if op % 9 == 6 && reader.offset <= before { break }
    }
    return 0
}
