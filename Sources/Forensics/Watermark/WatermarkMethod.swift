/// The embedding methods of the `invisible-watermark` package that this module can read.
public enum WatermarkMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Quantisation of the largest non-DC entry of each 4×4 block of the Haar LL band
    /// (the default method, used by the Stable Diffusion scripts and SDXL pipelines).
    case dwtDct
    /// Quantisation of the largest singular value of each block's DCT (more robust; no
    /// generator is known to use it, but the same payloads can be written with it).
    case dwtDctSvd
}
