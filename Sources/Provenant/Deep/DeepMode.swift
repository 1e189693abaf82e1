/// When the deep stage (CLIP embedding + fused probe) runs.
public enum DeepMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The cascade: run only where the deep stage can change the verdict — no decisive C2PA,
    /// watermark or strong metadata evidence, and the hand-crafted probability inside the fused
    /// model's cascade band.
    case auto
    /// Run on every decoded image (the fused probability is then always the pixel evidence).
    case always
    /// Never run; the hand-crafted detector alone is the pixel evidence.
    case never
}
