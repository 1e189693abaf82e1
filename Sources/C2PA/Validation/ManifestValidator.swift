import ByteParsing
import Foundation
import X509

/// Validates the manifests of one store against the asset that carries it.
struct ManifestValidator {
    let store: ManifestStore
    let asset: [UInt8]
    let embedded: EmbeddedStore
    let settings: TrustSettings
    let now: Date

    /// Absolute URIs of assertions that the claims of manifests *after* `manifest` in the store declare
    /// redacted.
    ///
    /// Redaction is done by a later manifest that took this one as an ingredient (C2PA 2.2 §6.8). The
    /// active manifest has no later manifest, so nothing can excuse a missing assertion of its own:
    /// neither its own claim nor an earlier manifest slipped into the store.
    func redactedAssertionURLs(after manifest: Manifest) -> Set<String> {
        guard let position = store.manifests.lastIndex(where: { $0.box.range == manifest.box.range }) else { return [] }
        var result: Set<String> = []
        for later in store.manifests[(position + 1)...] {
            for uri in later.claim?.redactedAssertions ?? [] {
                let reference = HashedURI(url: uri, alg: nil, hash: [])
                if reference.isAbsolute { result.insert("self#jumbf=/" + reference.path.joined(separator: "/")) }
            }
        }
        return result
    }

    /// Whether any claim in the store redacts an assertion of `manifest` (c2pa-rs checks the label
    /// against every redaction URI of the store).
    func hasRedactions(of manifest: Manifest) -> Bool {
        store.manifests.contains { other in (other.claim?.redactedAssertions ?? []).contains { $0.contains(manifest.label) } }
    }

    /// A failure that stops validation of the whole asset (the reference reports it as a read error).
    struct Fatal: Error {
        let code: String
        let message: String
    }

    /// Validates one manifest. Hard bindings are checked only for the active manifest.
    func validate(_ manifest: Manifest, isActive: Bool) throws(Fatal) -> ManifestReport {
        var log = StatusLog()
        var report = ManifestReport(
            label: manifest.label, status: log, claimVersion: manifest.claim?.version,
            claimGenerator: manifest.claim?.generatorDescription, title: manifest.claim?.title,
            signer: nil, issuer: nil, algorithm: nil, signingTime: nil, actions: [], ingredientManifests: [], ingredientTitles: [],
            recordedIngredientFailures: [:])
        let base = "self#jumbf=/c2pa/\(manifest.label)"
        guard let claim = manifest.claim else {
            if manifest.claimError != nil {
                log.failure(StatusCode.claimCBORInvalid, url: "\(base)/c2pa.claim", "claim CBOR could not be decoded")
            } else {
                log.failure(StatusCode.claimMissing, url: base, "manifest has no claim")
            }
            report.status = log
            return report
        }
        for reference in claim.allAssertions {
            // Pre-1.0 writers used relative URIs that name the store (`self#jumbf=c2pa/<label>/…`).
            if !reference.isAbsolute, reference.path.first == "c2pa" {
                throw Fatal(code: "prerelease", message: "Other: prerelease content detected")
            }
            // Claim v2 has no default hash algorithm (C2PA 2.2 §8.4.2.1); the reference refuses to read such a store.
            if reference.alg == nil, claim.alg == nil, claim.version >= 2 {
                throw Fatal(code: "unknown_algorithm", message: "Other: unknown algorithm")
            }
        }
        checkClaimShape(manifest, claim: claim, base: base, log: &log)
        try checkSignature(manifest, claim: claim, base: base, log: &log, report: &report)
        try checkAssertions(manifest, claim: claim, base: base, log: &log)
        ActionRules(store: store, manifest: manifest, claim: claim, base: base).check(log: &log)
        let matchedIngredients = checkIngredients(manifest, base: base, log: &log, report: &report)
        report.matchedIngredientManifests = matchedIngredients
        UpdateManifestRules(store: store, manifest: manifest, claim: claim, base: base).check(log: &log)
        if isActive {
            if manifest.isUpdateManifest {
                checkInheritedBinding(manifest, matchedIngredients: matchedIngredients, base: base, log: &log)
            } else {
                checkHardBinding(manifest, claim: claim, base: base, log: &log)
            }
        }
        IdentityValidator(store: store, now: settings.validationTime ?? now).validate(manifest, base: base, log: &log)
        report.actions = actions(of: manifest)
        report.status = log
        return report
    }

    // MARK: Claim

    /// The claim rules the reference checks (`claim.malformed`): a claim v2 manifest's label must have the
    /// §8.1 shape and its claim must name its generator (`claim_generator_info` with a non-empty `name`,
    /// §10.2.2).
    private func checkClaimShape(_ manifest: Manifest, claim: Claim, base: String, log: inout StatusLog) {
        let url = "\(base)/\(claim.version >= 2 ? "c2pa.claim.v2" : "c2pa.claim")"
        if claim.version >= 2 {
            if !ManifestLabel.isWellFormed(manifest.label) {
                log.failure(StatusCode.claimMalformed, url: base, "manifest label does not have the urn:c2pa form")
            }
            let name = claim.generatorInfo.first?["name"]?.textValue ?? ""
            if claim.generatorInfo.isEmpty || name.isEmpty {
                log.failure(StatusCode.claimMalformed, url: url, "claim_generator_info with a name is required in a v2 claim")
            }
        }
    }

    // MARK: Signature

    private func checkSignature(
        _ manifest: Manifest, claim: Claim, base: String, log: inout StatusLog, report: inout ManifestReport
    ) throws(Fatal) {
        let url = "\(base)/c2pa.signature"
        guard manifest.signatureBox != nil else {
            log.failure(StatusCode.claimSignatureMissing, url: url, "claim signature box missing")
            return
        }
        guard let signatureBox = claimedSignatureBox(manifest, claim: claim) else {
            let named = claim.signature.map { "the claim's signature URI \($0) does not resolve to this manifest's signature box" }
            log.failure(StatusCode.claimSignatureMissing, url: url, named ?? "the claim names no signature")
            return
        }
        guard let content = signatureBox.content(ofType: "cbor"), let claimRange = manifest.claimRange else {
            log.failure(StatusCode.claimSignatureMissing, url: url, "claim signature box has no CBOR content")
            return
        }
        let cose: COSESign1
        do {
            cose = try COSESign1(try CBORDecoder().decode(store.bytes, range: content.payloadRange))
        } catch {
            log.failure(StatusCode.claimSignatureMismatch, url: url, "claim signature is not a COSE_Sign1 structure: \(error)")
            return
        }
        guard let algHeader = cose.algorithm, let algorithm = COSEAlgorithm(header: algHeader) else {
            throw Fatal(code: "unknown_algorithm", message: "Other: unknown algorithm")
        }
        report.algorithm = algorithm.rawValue
        let chain = cose.certificateChain
        guard !chain.isEmpty else {
            // The reference cannot read a signature without a certificate chain (ReferenceRule.readErrors).
            throw Fatal(code: "no_certificate_chain", message: "Signature: could not find signing certificate chain in COSE signature")
        }
        let currentTime = settings.validationTime ?? now
        var signingTime = currentTime
        var timeSource = CertificateEvaluator.SigningTimeSource.validationTime
        if let token = cose.timeStampTokens.first {
            if let parsed = TimeStampToken(der: token.token) {
                if cose.timeStampMatches(parsed, version: token.version, detachedPayload: Array(store.bytes[claimRange])),
                    let authority = parsed.verifiedSigner() {
                    log.success(StatusCode.timeStampValidated, url: url, "time-stamp imprint and signature verified")
                    let evaluator = CertificateEvaluator(settings: settings)
                    if evaluator.timeStampAuthorityTrusted(authority, intermediates: parsed.certificates, at: parsed.generationTime) {
                        signingTime = parsed.generationTime
                        timeSource = .trustedTimeStamp
                        log.success(StatusCode.timeStampTrusted, url: url, "time-stamp authority trusted")
                    } else if claim.version < 2 && settings.legacyTimeStampGrace {
                        // ReferenceRule.claimV1TimeStampGrace: the reference does not check time-stamp trust
                        // on claim v1 manifests and reports such tokens as trusted.
                        signingTime = parsed.generationTime
                        timeSource = .legacyUntrustedTimeStamp
                        log.success(StatusCode.timeStampTrusted, url: url, "time-stamp accepted without an authority check (claim v1)")
                    } else {
                        // Anyone can mint a well-formed token from a home-made authority and back-date an
                        // expired signer: only a trusted authority's time is used (C2PA 2.2 §15.7).
                        log.info(StatusCode.timeStampUntrusted, url: url, "time-stamp authority untrusted; its time is not used")
                    }
                } else {
                    log.info(StatusCode.timeStampMismatch, url: url, "time-stamp does not cover the claim signature")
                }
                report.signingTime = parsed.generationTime.formatted(.iso8601)
            } else {
                log.info(StatusCode.timeStampMalformed, url: url, "time-stamp token could not be parsed")
            }
        }
        let evaluation = CertificateEvaluator(settings: settings).evaluate(
            chainDER: chain, signingTime: signingTime, currentTime: currentTime, timeSource: timeSource,
            chainIsProtected: cose.certificateChainIsProtected || (claim.version < 2 && settings.legacyUnprotectedCertificateChain),
            url: url)
        if let leaf = evaluation.leaf {
            report.signer = leaf.subjectAttribute(.RDNAttributeType.commonName) ?? leaf.subjectAttribute(.RDNAttributeType.organizationName)
            report.issuer = leaf.issuerAttribute(.RDNAttributeType.organizationName) ?? leaf.issuerAttribute(.RDNAttributeType.commonName)
        }
        let claimBytes = Array(store.bytes[claimRange])
        var signatureValid = false
        if let key = evaluation.key {
            signatureValid = SignatureVerifier.verify(
                cose.signature, message: cose.signatureInput(detachedPayload: claimBytes), key: key, algorithm: algorithm)
        }
        if signatureValid {
            log.success(StatusCode.claimSignatureValidated, url: url, "claim signature valid")
        } else if evaluation.leaf != nil {
            log.failure(StatusCode.claimSignatureMismatch, url: url, "claim signature does not verify")
        }
        if signatureValid && !evaluation.codes.failure.contains(where: { $0.code == StatusCode.signingCredentialExpired }) {
            log.success(StatusCode.claimSignatureInsideValidity, url: url, "claim signature inside the certificate validity")
        }
        log.merge(evaluation.codes)
        log.info(StatusCode.ocspSkipped, url: url, "OCSP not checked")
    }

    /// The signature box the claim names: its `signature` JUMBF URI (absolute, with the manifest label, or
    /// relative to the manifest) resolved like an assertion reference, which must land on this manifest's
    /// own signature superbox (the claim's `signature` field, C2PA 2.2 §10). Nil when the claim names none, when the URI resolves to
    /// nothing (a manifest relabelled after signing) or to another box.
    private func claimedSignatureBox(_ manifest: Manifest, claim: Claim) -> JUMBFBox? {
        guard let own = manifest.signatureBox, let uri = claim.signature,
            let resolved = store.resolve(uri, in: manifest), resolved.range == own.range
        else { return nil }
        return own
    }

    // MARK: Assertions

    private func checkAssertions(_ manifest: Manifest, claim: Claim, base: String, log: inout StatusLog) throws(Fatal) {
        var digests = DigestCache()
        var redacted: Set<String>?
        for reference in claim.allAssertions {
            let url = reference.isAbsolute ? reference.url : "\(base)/\(reference.path.joined(separator: "/"))"
            guard let box = store.resolve(reference.url, in: manifest) else {
                let redactedURLs = redacted ?? redactedAssertionURLs(after: manifest)
                redacted = redactedURLs
                if redactedURLs.contains(url) {
                    log.info(StatusCode.assertionRedacted, url: url, "assertion redacted by a later manifest")
                } else {
                    log.failure(StatusCode.assertionMissing, url: url, "assertion not found")
                }
                continue
            }
            guard let algorithm = HashAlgorithm(name: reference.alg ?? claim.alg ?? "sha256") else {
                log.failure(StatusCode.algorithmUnsupported, url: url, "unsupported hash algorithm")
                continue
            }
            if digests.digest(algorithm, of: box.payloadRange, in: store.bytes) == reference.hash {
                log.success(StatusCode.hashedURIMatch, url: url, "hashed uri matched")
            } else {
                log.failure(StatusCode.hashedURIMismatch, url: url, "hash does not match the assertion data")
            }
        }
        // C2PA 2.2 §15.10.3: every assertion in the store must be referenced by the claim; one that is
        // not was added after signing (the reference fails the manifest with assertion.undeclared).
        let declared = Set(store.declaredAssertions(of: manifest).map(\.box.range.lowerBound))
        if let undeclared = manifest.assertions.first(where: { !declared.contains($0.box.range.lowerBound) }) {
            // The reference logs assertion.undeclared and then refuses to read the store (AssertionNotFound).
            throw Fatal(
                code: "assertion_undeclared",
                message: "AssertionNotFound: \(StatusCode.assertionUndeclared) \(base)/c2pa.assertions/\(undeclared.label)")
        }
    }

    // MARK: Hard binding

    /// The hard binding of an update manifest: the one of the first standard manifest up its `parentOf`
    /// chain (C2PA 2.2 §11.2, §15.12), each link being the manifest its signed ingredient names, hash
    /// included — any other manifest under that label would lend this signature to whatever its own
    /// binding covers. No such manifest: `claim.hardBindings.missing`; a link whose hash does not match:
    /// `ingredient.manifest.mismatch`, a failure of the active manifest. The chain is followed at most
    /// ``CertificateEvaluator/maxChainLength`` steps and never through a manifest twice.
    private func checkInheritedBinding(_ manifest: Manifest, matchedIngredients: Set<String>, base: String, log: inout StatusLog) {
        var digests = DigestCache()
        var current = manifest
        var visited: Set<String> = [manifest.label]
        for _ in 0..<CertificateEvaluator.maxChainLength {
            guard let link = UpdateManifestRules.parentLabel(of: current, in: store), case let (parentLabel, reference) = link,
                !visited.contains(parentLabel), let parent = store.manifest(labelled: parentLabel), let parentClaim = parent.claim
            else { break }
            let linked = current.label == manifest.label
                ? matchedIngredients.contains(parentLabel)
                : referenceMatches(reference, target: parent, claimAlg: current.claim?.alg, digests: &digests)
            guard linked else {
                log.failure(
                    StatusCode.ingredientManifestMismatch, url: "\(base)/c2pa.assertions",
                    "the update manifest's parent does not match its ingredient hash")
                return
            }
            if !parent.isUpdateManifest {
                checkHardBinding(parent, claim: parentClaim, base: "self#jumbf=/c2pa/\(parent.label)", storeMayHaveGrown: true, log: &log)
                return
            }
            visited.insert(parentLabel)
            current = parent
        }
        log.failure(
            StatusCode.hardBindingsMissing, url: base, "no standard manifest with a hard binding up the update manifest's parentOf chain")
    }

    /// - Parameter storeMayHaveGrown: the binding belongs to the parent of an update manifest, written
    ///   before the store grew; an exclusion starting at the store is then stretched to its current size.
    private func checkHardBinding(
        _ manifest: Manifest, claim: Claim, base: String, storeMayHaveGrown: Bool = false, log: inout StatusLog
    ) {
        let declared = store.declaredAssertions(of: manifest)
        let dataHashes = declared.filter { $0.baseLabel == "c2pa.hash.data" }
        let boxHashes = declared.filter { $0.baseLabel == "c2pa.hash.boxes" }
        let bmffHashes = declared.filter { ["c2pa.hash.bmff", "c2pa.hash.bmff.v2", "c2pa.hash.bmff.v3"].contains($0.baseLabel) }
        if let assertion = dataHashes.first {
            let url = "\(base)/c2pa.assertions/\(assertion.label)"
            guard let value = try? store.cbor(of: assertion.box), let dataHash = DataHashAssertion(value) else {
                log.failure(StatusCode.dataHashMalformed, url: url, "data hash assertion malformed")
                return
            }
            checkDataHash(dataHash, claim: claim, url: url, storeMayHaveGrown: storeMayHaveGrown, log: &log)
        } else if let assertion = boxHashes.first {
            let url = "\(base)/c2pa.assertions/\(assertion.label)"
            guard let value = try? store.cbor(of: assertion.box) else {
                log.failure(StatusCode.boxesHashMismatch, url: url, "box hash assertion malformed")
                return
            }
            BoxHashChecker(asset: asset, embedded: embedded, claimAlg: claim.alg).check(value, url: url, log: &log)
        } else if let assertion = bmffHashes.first {
            let url = "\(base)/c2pa.assertions/\(assertion.label)"
            guard let value = try? store.cbor(of: assertion.box) else {
                log.failure(StatusCode.bmffHashMalformed, url: url, "BMFF hash assertion malformed")
                return
            }
            let version = BMFFHashChecker.version(ofLabel: assertion.baseLabel)
            BMFFHashChecker(asset: asset, embedded: embedded, claimAlg: claim.alg, version: version, limits: .default)
                .check(value, url: url, log: &log)
        } else if !manifest.isUpdateManifest {
            log.failure(StatusCode.hardBindingsMissing, url: base, "no hard binding assertion")
        }
    }

    private func checkDataHash(
        _ dataHash: DataHashAssertion, claim: Claim, url: String, storeMayHaveGrown: Bool, log: inout StatusLog
    ) {
        guard let algorithm = HashAlgorithm(name: dataHash.alg ?? claim.alg ?? "sha256") else {
            log.failure(StatusCode.algorithmUnsupported, url: url, "unsupported hash algorithm")
            return
        }
        let span = embedded.span
        // The exclusion must cover the store and nothing else: a segment placed between the store's
        // own carriers (e.g. in bytes freed by merging APP11 packets) would escape every hash.
        guard embedded.isContiguous else {
            log.failure(StatusCode.dataHashMismatch, url: url, "other data lies between the manifest store's segments")
            return
        }
        var ranges: [Range<Int>] = []
        for exclusion in dataHash.exclusions {
            guard exclusion.start >= 0, exclusion.length >= 0, exclusion.start <= asset.count - exclusion.length else {
                log.failure(StatusCode.dataHashMismatch, url: url, "exclusion outside the asset")
                return
            }
            if storeMayHaveGrown && exclusion.start == span.lowerBound {
                ranges.append(span)
            } else {
                ranges.append(exclusion.start..<(exclusion.start + exclusion.length))
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        for (previous, next) in zip(ranges, ranges.dropFirst()) where previous.upperBound > next.lowerBound {
            log.failure(StatusCode.dataHashMalformed, url: url, "overlapping exclusions")
            return
        }
        guard ranges.contains(span) else {
            log.failure(StatusCode.dataHashMismatch, url: url, "data hash exclusion does not match the manifest location in the asset")
            return
        }
        var hasher = HashAlgorithm.Hasher(algorithm)
        var position = 0
        for range in ranges {
            if range.lowerBound > position { hasher.update(asset[position..<range.lowerBound]) }
            position = max(position, range.upperBound)
        }
        if position < asset.count { hasher.update(asset[position..<asset.count]) }
        if hasher.finalize() == dataHash.hash {
            log.success(StatusCode.dataHashMatch, url: url, "data hash valid")
        } else {
            log.failure(StatusCode.dataHashMismatch, url: url, "asset hash does not match the data hash")
        }
    }

    // MARK: Ingredients

    /// - Returns: the labels of the ingredient manifests whose hash matches the ingredient reference.
    @discardableResult
    private func checkIngredients(
        _ manifest: Manifest, base: String, log: inout StatusLog, report: inout ManifestReport
    ) -> Set<String> {
        var digests = DigestCache()
        var matched: Set<String> = []
        var parents = 0
        defer {
            // C2PA 2.2 §18.15.3: at most one parentOf ingredient (the reference: manifest.multipleParents;
            // update manifests have their own rule).
            if parents > 1 && !manifest.isUpdateManifest {
                log.failure(StatusCode.manifestMultipleParents, url: base, "more than one parentOf ingredient")
            }
        }
        for assertion in store.declaredAssertions(of: manifest) where assertion.baseLabel.hasPrefix("c2pa.ingredient") {
            guard ["c2pa.ingredient", "c2pa.ingredient.v2", "c2pa.ingredient.v3"].contains(assertion.baseLabel),
                let value = try? store.cbor(of: assertion.box)
            else { continue }
            let ingredient = IngredientAssertion(value)
            if ingredient.relationship == "parentOf" { parents += 1 }
            if let title = ingredient.title { report.ingredientTitles.append(title) }
            guard let reference = ingredient.manifest else { continue }
            let url = "\(base)/c2pa.assertions/\(assertion.label)"
            let label = reference.manifestLabel ?? reference.path.last ?? ""
            guard let target = store.manifest(labelled: label) else {
                log.failure(StatusCode.ingredientManifestMissing, url: url, "ingredient manifest not found in the store")
                continue
            }
            report.ingredientManifests.append(target.label)
            report.recordedIngredientFailures[target.label, default: []] += ingredient.recordedFailures
            if assertion.baseLabel == "c2pa.ingredient.v3" && value["validationResults"] == nil {
                // C2PA 2.2 §18.15.12.4: a v3 ingredient with a manifest records what its user saw when taking
                // it in; the reference reports a missing record as an ingredient delta.
                report.ingredientFailures[target.label, default: []].append(StatusEntry(
                    code: StatusCode.assertionIngredientMalformed, url: url, explanation: "a v3 ingredient must carry validationResults"))
            }
            if referenceMatches(reference, target: target, claimAlg: manifest.claim?.alg, digests: &digests) {
                matched.insert(target.label)
                // Recorded as informational: the reference lists no ingredient codes among the active successes.
                log.info(StatusCode.ingredientManifestValidated, url: url, "ingredient manifest hash matches")
            } else if hasRedactions(of: target) {
                // C2PA 2.2 §15.11.3.3: after a redaction the manifest hash cannot match; the claim-signature
                // method applies instead (ReferenceRule.ingredientDeltas).
                if let signatureReference = ingredient.claimSignature, let signatureBox = target.signatureBox,
                    digests.digest(HashAlgorithm(name: signatureReference.alg ?? reference.alg ?? manifest.claim?.alg ?? "sha256") ?? .sha256,
                        of: signatureBox.payloadRange, in: store.bytes) == signatureReference.hash {
                    matched.insert(target.label)
                    log.info(StatusCode.ingredientClaimSignatureValidated, url: url, "ingredient claim signature hash matches")
                } else {
                    report.ingredientFailures[target.label, default: []].append(StatusEntry(
                        code: StatusCode.ingredientClaimSignatureMismatch, url: url,
                        explanation: "redacted ingredient: its claim signature hash does not match"))
                }
            } else {
                // C2PA 2.2 §15.11.3.3 and the reference (ReferenceRule.ingredientDeltas): a failure of the
                // ingredient, which makes the active manifest invalid; its AI history no longer counts.
                report.ingredientFailures[target.label, default: []].append(StatusEntry(
                    code: StatusCode.ingredientManifestMismatch, url: url, explanation: "ingredient manifest hash does not match"))
            }
        }
        return matched
    }

    /// Whether a hashed manifest reference names `target`: its hash equals that of the manifest box
    /// payload, of the whole box, or (before C2PA 1.3, which the reference still accepts) of the claim bytes.
    private func referenceMatches(_ reference: HashedURI, target: Manifest, claimAlg: String?, digests: inout DigestCache) -> Bool {
        let algorithm = HashAlgorithm(name: reference.alg ?? claimAlg ?? "sha256") ?? .sha256
        if digests.digest(algorithm, of: target.box.payloadRange, in: store.bytes) == reference.hash { return true }
        if digests.digest(algorithm, of: target.box.range, in: store.bytes) == reference.hash { return true }
        return target.claimRange.map { digests.digest(algorithm, of: $0, in: store.bytes) } == reference.hash
    }

    // MARK: Actions

    private func actions(of manifest: Manifest) -> [C2PAAction] {
        var result: [C2PAAction] = []
        for assertion in store.declaredAssertions(of: manifest)
        where assertion.baseLabel == "c2pa.actions" || assertion.baseLabel == "c2pa.actions.v2" {
            guard let value = try? store.cbor(of: assertion.box) else { continue }
            result += ActionsAssertion.actions(in: value)
        }
        return result
    }
}
