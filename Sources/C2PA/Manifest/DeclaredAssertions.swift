extension ManifestStore {
    /// The assertions of `manifest` that its claim references, in assertion-store order.
    ///
    /// Only these are covered by the claim signature (through their hashed URIs). A box added to the
    /// assertion store after signing is referenced by nothing: it must not stand in for the hard
    /// binding, declare actions or ingredients, or carry an identity assertion. A manifest without a
    /// decodable claim declares nothing.
    public func declaredAssertions(of manifest: Manifest) -> [AssertionBox] {
        guard let claim = manifest.claim else { return [] }
        var referenced = Set<Int>()
        for reference in claim.allAssertions {
            if let box = resolve(reference.url, in: manifest) { referenced.insert(box.range.lowerBound) }
        }
        return manifest.assertions.filter { referenced.contains($0.box.range.lowerBound) }
    }
}
