extension Array where Element == Float {
    /// Calls `body` with a pointer to the elements. The tower's arrays are never empty (shapes are
    /// checked when the weights load); an empty array would get a pointer to a single zero.
    func withBase<Result>(_ body: (UnsafePointer<Float>) -> Result) -> Result {
        withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { return body(base) }
            let zero: Float = 0
            return withUnsafePointer(to: zero) { body($0) }
        }
    }
}
