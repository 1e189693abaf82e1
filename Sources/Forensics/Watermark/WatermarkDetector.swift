import ImageDecoding

/// Reads the `invisible-watermark` marks that Stable Diffusion reference scripts and SDXL pipelines embed.
///
/// The detector recomputes the U channel the way the package does (OpenCV fixed-point BT.601),
/// for both channel orders a generator may have used, reads one bit per 8×8 pixel block with
/// the `dwtDct` rule (and, optionally, `dwtDctSvd`), averages the repeated copies of every
/// message bit and compares the result with each known payload. It runs in one pass over at
/// most ``maxBlocks`` blocks, spread over the image, so its cost is bounded for large images.
///
/// The mark is fragile: JPEG re-encoding below about quality 95, resizing and crops that are not
/// multiples of 8 pixels destroy it, so a missing mark says little; for JPEG input use
/// ``detect(_:jpegCoefficients:)``, which reads the stored chroma and keeps q95 marks readable.
/// A found mark is strong but forgeable evidence.
public struct WatermarkDetector: Sendable {
    /// The payloads to look for.
    public var payloads: [WatermarkPayload]
    /// The embedding methods to try.
    public var methods: [WatermarkMethod]
    /// The largest number of 8×8 blocks read per channel order (whole block rows in aligned pairs, evenly spaced).
    public var maxBlocks: Int

    /// Creates a detector for the known payloads (``WatermarkPayload/known``) with both methods.
    public init() {
        self.init(payloads: WatermarkPayload.known, methods: WatermarkMethod.allCases, maxBlocks: 16_384)
    }

    /// Creates a detector for the given payloads and methods.
    public init(payloads: [WatermarkPayload], methods: [WatermarkMethod], maxBlocks: Int) {
        self.payloads = payloads.filter { !$0.bits.isEmpty }
        self.methods = methods
        self.maxBlocks = max(1, maxBlocks)
    }

    /// Looks for a known payload in an image.
    public func detect(_ image: RGBImage) -> WatermarkResult {
        detect(pixels: image.pixels, width: image.width, height: image.height)
    }

    /// Looks for a known payload in a decoded JPEG, reading the chroma the file stores.
    ///
    /// When the JPEG's chroma is subsampled (4:2:0 and similar), decoders smooth it back up and
    /// the mark can no longer be read from the pixels; the stored Cb/Cr samples are the averages
    /// the mark was quantised in, so they are read instead. For other files (4:4:4, grayscale,
    /// CMYK) or without coefficients this is ``detect(_:)``.
    public func detect(_ image: RGBImage, jpegCoefficients: JPEGCoefficients?) -> WatermarkResult {
        guard let jpegCoefficients, var plane = JPEGChromaPlane(jpegCoefficients),
            plane.covers(width: image.width, height: image.height)
        else { return detect(image) }
        if let skipped = Self.notChecked(pixels: image.pixels, width: image.width, height: image.height) { return skipped }
        var result = Self.summarize(candidates(width: image.width, height: image.height) { reader, rows, order in
            plane.read(reader: reader, rows: rows, order: order, methods: methods)
        })
        result.detail += " (read from the JPEG's stored chroma)"
        return result
    }

    /// One payload compared with the bits read for one method and channel order.
    struct Candidate {
        var payload: WatermarkPayload
        var method: WatermarkMethod
        var order: WatermarkChannelOrder
        var matched: Int
        var chance: Double
        /// The share of all block votes that agree with the payload (not only the majorities).
        var blockAgreement: Double
        /// ``blockAgreement`` minus the agreement explained by the image's lean towards reading 0 or 1.
        var excessAgreement: Double
        var thresholds: WatermarkThresholds

        /// The agreement this candidate needs to count as a detection.
        ///
        /// `dwtDct` (what generators use) takes Stability's "likely" level. `dwtDctSvd` is read
        /// as well but no generator is known to use it, and reading it doubles the number of
        /// comparisons, so it must reach the "very likely" level.
        var required: Int {
            method == .dwtDct ? thresholds.likely : thresholds.veryLikely
        }

        /// Whether the candidate is a detection: enough agreeing message bits (the published
        /// levels) and enough agreeing block votes beyond the image's own bias (see
        /// ``WatermarkThresholds/minimumExcessAgreement``), or decisive bits with a smaller excess.
        var isDetection: Bool {
            (matched >= required && excessAgreement >= WatermarkThresholds.minimumExcessAgreement)
                || (matched >= thresholds.decisive
                    && excessAgreement >= WatermarkThresholds.minimumExcessAgreementDecisive)
        }
    }

    /// Looks for a known payload in RGB interleaved pixels (`width * height * 3` bytes).
    func detect(pixels: [UInt8], width: Int, height: Int) -> WatermarkResult {
        if let skipped = Self.notChecked(pixels: pixels, width: width, height: height) { return skipped }
        let candidates = self.candidates(pixels: pixels, width: width, height: height)
        return Self.summarize(candidates)
    }

    /// The result for images the detector does not read, or `nil` when it reads them.
    static func notChecked(pixels: [UInt8], width: Int, height: Int) -> WatermarkResult? {
        guard width > 0, height > 0, width <= pixels.count, height <= pixels.count / 3 / width else {
            return WatermarkResult(
                detected: false, payloadName: nil, bitsMatched: 0, bitsTotal: 0, channelOrder: nil,
                detail: "\(WatermarkResult.notCheckedPrefix)the pixel buffer does not hold \(width)×\(height) RGB pixels")
        }
        guard width * height >= DwtDctScheme.minimumPixelCount else {
            return WatermarkResult(
                detected: false, payloadName: nil, bitsMatched: 0, bitsTotal: 0, channelOrder: nil,
                detail: "\(WatermarkResult.notCheckedPrefix)\(width)×\(height) is below the 65536 pixels the invisible-watermark "
                    + "package needs to embed a mark")
        }
        return nil
    }

    /// Every payload × method × channel order comparison for RGB pixels.
    func candidates(pixels: [UInt8], width: Int, height: Int) -> [Candidate] {
        pixels.withUnsafeBufferPointer { buffer in
            candidates(width: width, height: height) { reader, rows, order in
                reader.read(pixels: buffer, width: width, rows: rows, order: order, methods: methods)
            }
        }
    }

    /// Every payload × method × channel order comparison, with `read` providing the block bits.
    func candidates(
        width: Int, height: Int,
        read: (BlockBitReader, [Int], WatermarkChannelOrder) -> [BlockBitReader.Bits]
    ) -> [Candidate] {
        let reader = BlockBitReader(width: width, height: height)
        let rows = reader.selectedRows(maxBlocks: maxBlocks)
        let longest = payloads.map(\.bits.count).max() ?? 0
        guard !rows.isEmpty, rows.count * reader.blocksPerRow >= longest else { return [] }
        var candidates: [Candidate] = []
        do {
            for order in WatermarkChannelOrder.allCases {
                for bits in read(reader, rows, order) {
                    for payload in payloads {
                        let (ones, votes) = reader.votes(from: bits, length: payload.bits.count)
                        var matched = 0
                        var agreeingVotes = 0
                        var allVotes = 0
                        var oneVotes = 0
                        var payloadOneVotes = 0
                        for (index, expected) in payload.bits.enumerated() where votes[index] > 0 {
                            let bit: UInt8 = ones[index] * 255 > 127 * votes[index] ? 1 : 0
                            if bit == expected { matched += 1 }
                            agreeingVotes += expected == 1 ? ones[index] : votes[index] - ones[index]
                            allVotes += votes[index]
                            oneVotes += ones[index]
                            payloadOneVotes += expected == 1 ? votes[index] : 0
                        }
                        // Agreement that the image's own lean towards 0 or 1 would give by itself.
                        let all = Double(max(allVotes, 1))
                        let readOnes = Double(oneVotes) / all
                        let payloadOnes = Double(payloadOneVotes) / all
                        let biasAgreement = readOnes * payloadOnes + (1 - readOnes) * (1 - payloadOnes)
                        let blockAgreement = Double(agreeingVotes) / all
                        let total = payload.bits.count
                        candidates.append(
                            Candidate(
                                payload: payload, method: bits.method, order: order, matched: matched,
                                chance: BinomialTail.upper(n: total, atLeast: matched),
                                blockAgreement: blockAgreement,
                                excessAgreement: blockAgreement - biasAgreement,
                                thresholds: WatermarkThresholds(bitCount: total)))
                    }
                }
            }
        }
        return candidates
    }

    /// Turns the comparisons into one result: the least-likely-by-chance candidate wins.
    static func summarize(_ candidates: [Candidate]) -> WatermarkResult {
        // Detections first; among equals, the agreement least likely by chance.
        let detections = candidates.filter(\.isDetection)
        let pool = detections.isEmpty ? candidates : detections
        guard var best = pool.first else {
            return WatermarkResult(
                detected: false, payloadName: nil, bitsMatched: 0, bitsTotal: 0, channelOrder: nil,
                detail: "\(WatermarkResult.notCheckedPrefix)the image has too few 8×8 blocks for the known payloads")
        }
        for candidate in pool.dropFirst() where candidate.chance < best.chance {
            best = candidate
        }
        let total = best.payload.bits.count
        let level = best.thresholds.level(best.matched)
        let votes = Int((best.blockAgreement * 100).rounded())
        let excess = Int((best.excessAgreement * 100).rounded())
        let where_ = "\(best.method.rawValue), \(best.order.rawValue) channel order, \(votes) % of block votes agree, "
            + "\(excess) points above chance"
        if best.isDetection {
            return WatermarkResult(
                detected: true, payloadName: best.payload.name, bitsMatched: best.matched, bitsTotal: total,
                channelOrder: best.order.rawValue, method: best.method.rawValue,
                detail: "invisible-watermark payload \(best.payload.name) found: \(best.matched)/\(total) bits "
                    + "(\(level); \(where_)); anyone can add this mark, so it is evidence, not proof")
        }
        return WatermarkResult(
            detected: false, payloadName: nil, bitsMatched: best.matched, bitsTotal: total, channelOrder: nil,
            detail: "no known invisible-watermark payload: best \(best.payload.name) \(best.matched)/\(total) bits "
                + "(\(level), needs \(best.required) bits and \(Int(WatermarkThresholds.minimumExcessAgreement * 100)) points, "
                + "or \(best.thresholds.decisive) bits and \(Int(WatermarkThresholds.minimumExcessAgreementDecisive * 100)) points; "
                + "\(where_)); the mark rarely survives JPEG below quality 95, resizing or cropping, so its absence says little")
    }
}
