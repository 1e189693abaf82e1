internal import CImageShims

/// Runs a shim function that writes a message into a caller buffer, and turns a failure status into ``DecodeError``.
enum ShimCall {
    static func run(format: String, _ body: (UnsafeMutablePointer<CChar>, Int) -> Int32) throws(DecodeError) {
        var message = [CChar](repeating: 0, count: 256)
        let status = message.withUnsafeMutableBufferPointer { buffer -> Int32 in
            guard let base = buffer.baseAddress else { return Int32(IMG_ERR_NOMEM) }
            return body(base, buffer.count)
        }
        guard status == Int32(IMG_OK) else {
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw ShimStatus.error(status, message: text, format: format)
        }
    }
}
