/// The claim of a manifest (C2PA 2.2 §10), v1 (`c2pa.claim`) or v2 (`c2pa.claim.v2`).
public struct Claim: Sendable, Hashable {
    /// 1 or 2.
    public let version: Int
    /// The whole decoded claim map.
    public let value: CBORValue
    /// `claim_generator` (v1).
    public let claimGenerator: String?
    /// `claim_generator_info` entries (an array in v1, a single map in v2).
    public let generatorInfo: [CBORValue]
    /// The signature reference (`self#jumbf=c2pa.signature`).
    public let signature: String?
    /// `assertions` (v1) or `created_assertions` (v2).
    public let createdAssertions: [HashedURI]
    /// `gathered_assertions` (v2).
    public let gatheredAssertions: [HashedURI]
    /// `redacted_assertions`.
    public let redactedAssertions: [String]
    /// The claim's default hash algorithm (`alg`).
    public let alg: String?
    /// `dc:title`.
    public let title: String?
    /// `instanceID`.
    public let instanceID: String?
    /// `dc:format` (v1).
    public let format: String?

    /// Reads a claim map.
    public init(value: CBORValue, version: Int) {
        self.version = version
        self.value = value
        self.claimGenerator = value["claim_generator"]?.textValue
        switch value["claim_generator_info"] {
        case .array(let items)?: generatorInfo = items
        case .map?:
            generatorInfo = value["claim_generator_info"].map { [$0] } ?? []
        default: generatorInfo = []
        }
        self.signature = value["signature"]?.textValue
        let created = value[version >= 2 ? "created_assertions" : "assertions"]?.arrayValue ?? []
        self.createdAssertions = created.compactMap(HashedURI.init)
        self.gatheredAssertions = (value["gathered_assertions"]?.arrayValue ?? []).compactMap(HashedURI.init)
        self.redactedAssertions = (value["redacted_assertions"]?.arrayValue ?? []).compactMap(\.textValue)
        self.alg = value["alg"]?.textValue
        self.title = value["dc:title"]?.textValue
        self.instanceID = value["instanceID"]?.textValue ?? value["instance_id"]?.textValue
        self.format = value["dc:format"]?.textValue
    }

    /// Every assertion reference of the claim.
    public var allAssertions: [HashedURI] { createdAssertions + gatheredAssertions }

    /// The generator names (from `claim_generator_info[].name`, else `claim_generator`).
    public var generatorNames: [String] {
        let names = generatorInfo.compactMap { $0["name"]?.textValue }
        if !names.isEmpty { return names }
        return claimGenerator.map { [$0] } ?? []
    }

    /// A single human-readable generator string (`name/version` or `claim_generator`).
    public var generatorDescription: String? {
        if let claimGenerator { return claimGenerator }
        guard let first = generatorInfo.first, let name = first["name"]?.textValue else { return nil }
        if let version = first["version"]?.textValue { return "\(name)/\(version)" }
        return name
    }
}
