internal import CImageShims

/// Owns a buffer the C shims allocated (encoder output) and releases it with `img_free`.
final class CBuffer {
    private let pointer: UnsafeMutablePointer<UInt8>
    private let count: Int

    init(pointer: UnsafeMutablePointer<UInt8>, count: Int) {
        self.pointer = pointer
        self.count = count
    }

    deinit { img_free(pointer) }

    /// Copies the contents into a Swift array.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: pointer, count: count)) }
}

/// Runs a C encoder that reports its result as (status, buffer, size, message).
enum CEncoderCall {
    static func run(
        format: String,
        _ body: (
            UnsafeMutablePointer<UnsafeMutablePointer<UInt8>?>, UnsafeMutablePointer<Int>, UnsafeMutablePointer<CChar>,
            Int
        ) -> Int32
    ) throws(DecodeError) -> [UInt8] {
        var data: UnsafeMutablePointer<UInt8>? = nil
        var size = 0
        var message = [CChar](repeating: 0, count: 256)
        let status = message.withUnsafeMutableBufferPointer { messageBuffer -> Int32 in
            guard let base = messageBuffer.baseAddress else { return Int32(IMG_ERR_NOMEM) }
            return body(&data, &size, base, messageBuffer.count)
        }
        let owner = data.map { CBuffer(pointer: $0, count: size) }
        guard status == Int32(IMG_OK), let owner else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ShimStatus.error(status == Int32(IMG_OK) ? Int32(IMG_ERR_NOMEM) : status, message: text, format: format)
        }
        return owner.bytes
    }
}
