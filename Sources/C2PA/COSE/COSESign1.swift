import ByteParsing

/// A COSE_Sign1 structure (RFC 9052 §4.2) as used for C2PA claim signatures.
public struct COSESign1: Sendable, Hashable {
    /// The serialized protected header (the bstr contents).
    public let protectedBytes: [UInt8]
    /// The decoded protected header map.
    public let protected: CBORValue
    /// The unprotected header map.
    public let unprotected: CBORValue
    /// The embedded payload, nil when detached.
    public let payload: [UInt8]?
    /// The signature bytes.
    public let signature: [UInt8]

    /// Parses a (tagged or untagged) COSE_Sign1 from a CBOR value.
    public init(_ value: CBORValue, decoder: CBORDecoder = CBORDecoder()) throws(ParseError) {
        var inner = value
        if case .tagged(let tag, let content) = value {
            guard tag == 18 else {
                throw ParseError(.invalidValue, at: nil, "COSE tag \(tag) is not COSE_Sign1 (18)")
            }
            inner = content
        }
        guard case .array(let items) = inner, items.count == 4 else {
            throw ParseError(.invalidValue, at: nil, "COSE_Sign1 is not a 4-element array")
        }
        guard case .bytes(let protectedBytes) = items[0] else {
            throw ParseError(.invalidValue, at: nil, "COSE protected header is not a byte string")
        }
        self.protectedBytes = protectedBytes
        self.protected = protectedBytes.isEmpty ? .map([]) : try decoder.decode(protectedBytes)
        guard case .map = protected else {
            throw ParseError(.invalidValue, at: nil, "COSE protected header is not a map")
        }
        guard case .map = items[1] else {
            throw ParseError(.invalidValue, at: nil, "COSE unprotected header is not a map")
        }
        self.unprotected = items[1]
        switch items[2] {
        case .null: payload = nil
        case .bytes(let bytes): payload = bytes
        default: throw ParseError(.invalidValue, at: nil, "COSE payload is neither nil nor a byte string")
        }
        guard case .bytes(let signature) = items[3] else {
            throw ParseError(.invalidValue, at: nil, "COSE signature is not a byte string")
        }
        self.signature = signature
    }

    /// The protected `alg` header (label 1), as an integer or a text name.
    public var algorithm: CBORValue? { protected[intKey: 1] }

    /// A header value from the protected bucket, else the unprotected one.
    public func header(intKey key: Int, textKey: String? = nil) -> (value: CBORValue, isProtected: Bool)? {
        if let value = protected[intKey: key] { return (value, true) }
        if let textKey, let value = protected[textKey] { return (value, true) }
        if let value = unprotected[intKey: key] { return (value, false) }
        if let textKey, let value = unprotected[textKey] { return (value, false) }
        return nil
    }

    /// The DER certificates of the `x5chain` header (label 33), leaf first: from the protected header,
    /// else (as C2PA 1.x writers were allowed to) from the unprotected one.
    ///
    /// Only a chain from the protected header is covered by the signature; see ``certificateChainIsProtected``.
    public var certificateChain: [[UInt8]] {
        guard let (value, _) = certificateChainHeader else { return [] }
        switch value {
        case .bytes(let der): return [der]
        case .array(let items): return items.compactMap(\.bytesValue)
        default: return []
        }
    }

    /// Whether ``certificateChain`` comes from the protected header (C2PA 2.2 §14.6: `x5chain` shall be
    /// protected). A chain found only in the unprotected header is not signed: anyone can replace it
    /// with another certificate for the same key, so it may name the key but can never earn trust.
    public var certificateChainIsProtected: Bool {
        certificateChainHeader?.isProtected ?? false
    }

    /// The `x5chain` header: label 33 or `"x5chain"` in the protected bucket, else `"x5chain"` (the
    /// C2PA 1.x spelling, and the only one the reference reads there) in the unprotected bucket.
    private var certificateChainHeader: (value: CBORValue, isProtected: Bool)? {
        if let value = protected[intKey: 33] ?? protected["x5chain"] { return (value, true) }
        if let value = unprotected["x5chain"] { return (value, false) }
        return nil
    }

    /// The DER time-stamp tokens of `sigTst2` / `sigTst` (`{tstTokens: [{val: bstr}]}`), with the header name.
    public var timeStampTokens: [(version: Int, token: [UInt8])] {
        var result: [(Int, [UInt8])] = []
        for (name, version) in [("sigTst2", 2), ("sigTst", 1)] {
            guard let container = unprotected[name] ?? protected[name],
                let tokens = container["tstTokens"]?.arrayValue
            else { continue }
            for token in tokens {
                if let der = token["val"]?.bytesValue { result.append((version, der)) }
            }
        }
        return result
    }

    /// The bytes an RFC 3161 time-stamp's message imprint covers (C2PA 2.2 §10.3.2.5): the
    /// `CounterSignature` structure `["CounterSignature", protected, h'', data]` where `data` is the
    /// claim (v1 `sigTst`, always `detachedPayload`, never an embedded payload) or the CBOR byte string
    /// holding the signature (v2 `sigTst2`).
    public func timeStampImprintInput(version: Int, detachedPayload: [UInt8]) -> [UInt8] {
        let data = version >= 2 ? CBOREncoder.encode(.bytes(signature)) : detachedPayload
        return CBOREncoder.encode(.array([.text("CounterSignature"), .bytes(protectedBytes), .bytes([]), .bytes(data)]))
    }

    /// Whether `token`'s message imprint matches ``timeStampImprintInput(version:detachedPayload:)``.
    func timeStampMatches(_ token: TimeStampToken, version: Int, detachedPayload: [UInt8]) -> Bool {
        guard let algorithm = HashAlgorithm(oid: token.imprintAlgorithm) else { return false }
        return algorithm.digest(timeStampImprintInput(version: version, detachedPayload: detachedPayload)) == token.imprint
    }

    /// The `Sig_structure` bytes to verify over `detachedPayload` (RFC 9052 §4.4).
    ///
    /// Always built over the given bytes (for C2PA, the stored claim), even when the structure embeds a
    /// payload: a signature over some other embedded bytes says nothing about the claim, and the
    /// reference likewise verifies over the claim bytes whatever the payload field holds.
    public func signatureInput(detachedPayload: [UInt8]) -> [UInt8] {
        CBOREncoder.encode(.array([
            .text("Signature1"), .bytes(protectedBytes), .bytes([]), .bytes(detachedPayload),
        ]))
    }
}
