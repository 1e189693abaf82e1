/// A fatal scan error (the output cannot be written).
struct ScanError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
