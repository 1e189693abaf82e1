import Provenant

/// Decides from the bytes alone (never the declared media type) whether an upload can be analysed.
enum MediaCheck {
    /// Throws 415 for video containers (not analysed yet), non-images and unsupported image formats.
    static func require(_ bytes: [UInt8]) throws(ServiceError) {
        if let container = videoContainer(bytes) {
            throw ServiceError(
                status: .unsupportedMediaType, code: "format.video_unsupported",
                message: "\(container) video is not analysed yet; upload a still image (JPEG or PNG)")
        }
        if let problem = Analyzer.formatProblem(bytes) {
            throw ServiceError(status: .unsupportedMediaType, code: problem.code, message: problem.message)
        }
    }

    /// The name of a video container recognised from its leading bytes, or `nil`.
    ///
    /// ISO-BMFF files whose brands are HEIF/AVIF images are not videos; the façade's sniffer decides those.
    static func videoContainer(_ bytes: [UInt8]) -> String? {
        let head = Array(bytes.prefix(16))
        func starts(_ magic: [UInt8], at position: Int = 0) -> Bool {
            head.count >= position + magic.count && Array(head[position..<(position + magic.count)]) == magic
        }
        if starts([0x1A, 0x45, 0xDF, 0xA3]) { return "Matroska/WebM" }
        if starts(Array("RIFF".utf8)), starts(Array("AVI ".utf8), at: 8) { return "AVI" }
        if starts(Array("ftyp".utf8), at: 4), head.count >= 12 {
            let brand = String(decoding: head[8..<12], as: UTF8.self)
            let videoBrands: Set<String> = ["isom", "iso2", "mp41", "mp42", "avc1", "M4V ", "qt  ", "3gp4", "3gp5", "3g2a", "dash"]
            if videoBrands.contains(brand) { return brand == "qt  " ? "QuickTime" : "MP4" }
        }
        return nil
    }
}
