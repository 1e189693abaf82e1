/// A `c2pa.hash.bmff` (v1, v2 or v3) hard-binding assertion (C2PA 2.2 §9.2.3, §A.5).
struct BMFFHashAssertion: Sendable, Hashable {
    /// One `data` check of an exclusion: bytes expected at an offset from the box start.
    struct DataMatch: Sendable, Hashable {
        let offset: Int
        let value: [UInt8]
    }

    /// One part of a box to exclude (offset from the box start, length; 0 = to the end).
    struct Subset: Sendable, Hashable {
        let offset: Int
        let length: Int
    }

    /// One step of an exclusion's path: a box type and an optional 0-based position among its siblings of that type.
    struct PathSegment: Sendable, Hashable {
        let type: String
        let position: Int?
    }

    /// One `exclusions` entry.
    struct Exclusion: Sendable, Hashable {
        /// The path segments, each a box type and an optional 0-based index (`/moov[0]/trak`).
        let path: [PathSegment]
        let length: Int?
        let data: [DataMatch]
        let subset: [Subset]
        let version: Int?
        let flags: [UInt8]?
        let exact: Bool
    }

    let exclusions: [Exclusion]
    let alg: String?
    let hash: [UInt8]?
    /// The Merkle trees (`merkle`, §18.6.3): one per `mdat` of a flat file or per track of a fragmented
    /// one; nil when the assertion has none.
    let merkle: [BMFFMerkleMap]?

    /// Reads the assertion; nil when its shape is wrong (the binding is then malformed).
    init?(_ value: CBORValue) {
        guard case .map = value else { return nil }
        var exclusions: [Exclusion] = []
        for item in value["exclusions"]?.arrayValue ?? [] {
            guard let xpath = item["xpath"]?.textValue, let path = Self.parsePath(xpath) else { return nil }
            var data: [DataMatch] = []
            for entry in item["data"]?.arrayValue ?? [] {
                guard let offset = entry["offset"]?.intValue, offset >= 0, let bytes = entry["value"]?.bytesValue else { return nil }
                data.append(DataMatch(offset: offset, value: bytes))
            }
            var subset: [Subset] = []
            for entry in item["subset"]?.arrayValue ?? [] {
                guard let offset = entry["offset"]?.intValue, let length = entry["length"]?.intValue, offset >= 0, length >= 0
                else { return nil }
                subset.append(Subset(offset: offset, length: length))
            }
            var exact = true
            if case .bool(let flag)? = item["exact"] { exact = flag }
            exclusions.append(
                Exclusion(
                    path: path, length: item["length"]?.intValue, data: data, subset: subset, version: item["version"]?.intValue,
                    flags: item["flags"]?.bytesValue, exact: exact))
        }
        self.exclusions = exclusions
        self.alg = value["alg"]?.textValue
        self.hash = value["hash"]?.bytesValue
        if let entries = value["merkle"] {
            guard let list = entries.arrayValue, !list.isEmpty else { return nil }
            var maps: [BMFFMerkleMap] = []
            for entry in list {
                guard let map = BMFFMerkleMap(entry) else { return nil }
                maps.append(map)
            }
            self.merkle = maps
        } else {
            self.merkle = nil
        }
    }

    /// Splits `/moov[1]/trak` into segments; XPath indices are 1-based.
    private static func parsePath(_ xpath: String) -> [PathSegment]? {
        guard xpath.hasPrefix("/") else { return nil }
        var result: [PathSegment] = []
        for segment in xpath.split(separator: "/") {
            if let open = segment.firstIndex(of: "["), segment.last == "]" {
                guard let number = Int(segment[segment.index(after: open)..<segment.index(before: segment.endIndex)]), number >= 1
                else { return nil }
                result.append(PathSegment(type: String(segment[..<open]), position: number - 1))
            } else {
                result.append(PathSegment(type: String(segment), position: nil))
            }
        }
        return result.isEmpty ? nil : result
    }
}
