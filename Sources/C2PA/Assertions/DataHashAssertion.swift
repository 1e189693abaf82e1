/// A `c2pa.hash.data` hard-binding assertion (C2PA 2.2 §9.2.1).
struct DataHashAssertion: Sendable, Hashable {
    /// One excluded byte range.
    struct Exclusion: Sendable, Hashable {
        let start: Int
        let length: Int
    }

    let exclusions: [Exclusion]
    let alg: String?
    let hash: [UInt8]

    /// Reads the assertion; nil when the shape is wrong.
    init?(_ value: CBORValue) {
        guard case .map = value else { return nil }
        var exclusions: [Exclusion] = []
        for item in value["exclusions"]?.arrayValue ?? [] {
            guard let start = item["start"]?.intValue, let length = item["length"]?.intValue else { return nil }
            exclusions.append(Exclusion(start: start, length: length))
        }
        self.exclusions = exclusions
        self.alg = value["alg"]?.textValue
        self.hash = value["hash"]?.bytesValue ?? []
    }
}
