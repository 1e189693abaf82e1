/// Builds TIFF/EXIF structures for tests, with automatic layout of IFDs and out-of-line values.
struct TIFFTestBuilder {
    /// A field value.
    enum Value {
        case ascii(String)
        case short([UInt16])
        case long([UInt32])
        case undefined([UInt8])
        case rational([(UInt32, UInt32)])
        /// A LONG holding the offset of the IFD with this index.
        case pointer(Int)
        /// A LONG holding a raw offset.
        case rawPointer(UInt32)
        /// An arbitrary type and count with the given value bytes (already in file byte order).
        case raw(type: UInt16, count: UInt32, bytes: [UInt8])
    }

    /// Where an IFD's next pointer points.
    enum Next {
        case none
        case ifd(Int)
        case raw(UInt32)
    }

    /// One directory.
    struct Directory {
        var entries: [(tag: UInt16, value: Value)]
        var next: Next = .none
    }

    var bigEndian: Bool
    var directories: [Directory]

    private func u16(_ value: UInt16) -> [UInt8] {
        bigEndian ? [UInt8(value >> 8), UInt8(value & 0xFF)] : [UInt8(value & 0xFF), UInt8(value >> 8)]
    }

    private func u32(_ value: UInt32) -> [UInt8] {
        let bytes = [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
        return bigEndian ? bytes : bytes.reversed()
    }

    private func encode(_ value: Value, offsets: [Int]) -> (type: UInt16, count: UInt32, bytes: [UInt8]) {
        switch value {
        case .ascii(let text):
            let bytes = Array(text.utf8) + [0]
            return (2, UInt32(bytes.count), bytes)
        case .short(let values):
            return (3, UInt32(values.count), values.flatMap { u16($0) })
        case .long(let values):
            return (4, UInt32(values.count), values.flatMap { u32($0) })
        case .undefined(let bytes):
            return (7, UInt32(bytes.count), bytes)
        case .rational(let values):
            return (5, UInt32(values.count), values.flatMap { u32($0.0) + u32($0.1) })
        case .pointer(let index):
            return (4, 1, u32(UInt32(offsets[index])))
        case .rawPointer(let offset):
            return (4, 1, u32(offset))
        case .raw(let type, let count, let bytes):
            return (type, count, bytes)
        }
    }

    /// The size of a directory including its out-of-line data (padded to even lengths).
    private func size(of directory: Directory) -> Int {
        var total = 2 + directory.entries.count * 12 + 4
        for entry in directory.entries {
            let encoded = encode(entry.value, offsets: Array(repeating: 0, count: directories.count))
            if encoded.bytes.count > 4 { total += (encoded.bytes.count + 1) & ~1 }
        }
        return total
    }

    /// The TIFF bytes: header, then each IFD followed by its out-of-line values.
    func build() -> [UInt8] {
        var offsets: [Int] = []
        var position = 8
        for directory in directories {
            offsets.append(position)
            position += size(of: directory)
        }
        var bytes: [UInt8] = bigEndian ? [0x4D, 0x4D] : [0x49, 0x49]
        bytes += u16(42)
        bytes += u32(UInt32(offsets.first ?? 0))
        for (index, directory) in directories.enumerated() {
            var table: [UInt8] = u16(UInt16(directory.entries.count))
            var data: [UInt8] = []
            let dataStart = offsets[index] + 2 + directory.entries.count * 12 + 4
            for entry in directory.entries {
                let encoded = encode(entry.value, offsets: offsets)
                table += u16(entry.tag) + u16(encoded.type) + u32(encoded.count)
                if encoded.bytes.count <= 4 {
                    table += encoded.bytes + [UInt8](repeating: 0, count: 4 - encoded.bytes.count)
                } else {
                    table += u32(UInt32(dataStart + data.count))
                    data += encoded.bytes
                    if data.count % 2 == 1 { data.append(0) }
                }
            }
            switch directory.next {
            case .none: table += u32(0)
            case .ifd(let target): table += u32(UInt32(offsets[target]))
            case .raw(let offset): table += u32(offset)
            }
            bytes += table + data
        }
        return bytes
    }
}
