import Provenant

/// A report as the CLI encodes it, plus the fields the service adds: `request_id`, `model_version` and
/// `timings` (seconds per stage, the wait for a worker as `queue`, and `total`).
///
/// The report encodes itself first, with the library's own encoder, so the CLI's keys and values are
/// carried over untouched; the added keys are written into the same JSON object.
struct ServiceAnswer<Report: Encodable & Sendable>: Encodable, Sendable {
    var report: Report
    var requestID: String
    var modelVersion: String?
    /// Whether to write `model_version`: the check report carries its own, the others do not.
    var addsModelVersion = true
    var timings: AnswerTimings
    /// The manifest store dump for `/v1/check?detailed=true` (`/v1/verify` carries its own `detailed`).
    var detailed: JSONValue?

    enum AddedKeys: String, CodingKey {
        case requestID = "request_id"
        case modelVersion = "model_version"
        case timings
        case detailed
    }

    func encode(to encoder: any Encoder) throws {
        try report.encode(to: encoder)
        var container = encoder.container(keyedBy: AddedKeys.self)
        try container.encode(requestID, forKey: .requestID)
        if addsModelVersion { try container.encode(modelVersion, forKey: .modelVersion) }
        try container.encode(timings, forKey: .timings)
        if let detailed { try container.encode(detailed, forKey: .detailed) }
    }
}

/// Seconds per stage of one request: `read` (receiving the upload), the pipeline stages, `queue`
/// (waiting for a worker) and `total`.
struct AnswerTimings: Encodable, Sendable {
    var stages: StageTimings
    var queue: Double
    var total: Double

    enum CodingKeys: String, CodingKey {
        case read, container, c2pa, decode, watermark, detector, deep, metadata, fusion, queue, total
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(micro(stages.read), forKey: .read)
        try container.encode(micro(stages.container), forKey: .container)
        try container.encode(micro(stages.c2pa), forKey: .c2pa)
        try container.encode(micro(stages.decode), forKey: .decode)
        try container.encode(micro(stages.watermark), forKey: .watermark)
        try container.encode(micro(stages.detector), forKey: .detector)
        try container.encode(micro(stages.deep), forKey: .deep)
        try container.encode(micro(stages.metadata), forKey: .metadata)
        try container.encode(micro(stages.fusion), forKey: .fusion)
        try container.encode(micro(queue), forKey: .queue)
        try container.encode(micro(total), forKey: .total)
    }

    /// Seconds rounded to the microsecond.
    private func micro(_ seconds: Double) -> Double { (seconds * 1e6).rounded() / 1e6 }
}
