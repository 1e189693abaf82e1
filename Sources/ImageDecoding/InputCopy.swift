/// A stable, C-visible copy of the input bytes that lives as long as the C decoder reading it.
///
/// The C decoders keep a pointer to the input rather than copying it, and a Swift array's
/// storage address is only guaranteed inside `withUnsafeBufferPointer`. Copying once (a memcpy,
/// negligible beside decoding) gives the decoder an address that stays valid until `deinit`.
final class InputCopy {
    /// The storage (at least one byte, so the pointer is never null).
    let storage: UnsafeMutableBufferPointer<UInt8>
    /// The number of input bytes.
    let count: Int

    init(_ bytes: [UInt8]) {
        count = bytes.count
        storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        if bytes.isEmpty {
            storage.initialize(repeating: 0)
        } else {
            _ = storage.initialize(fromContentsOf: bytes)
        }
    }

    /// The address of the first byte.
    var baseAddress: UnsafePointer<UInt8>? { UnsafePointer(storage.baseAddress) }

    deinit { storage.deallocate() }
}
