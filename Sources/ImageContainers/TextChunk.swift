/// One textual metadata item from a PNG tEXt, zTXt or iTXt chunk.
public struct TextChunk: Sendable, Codable, Hashable {
    /// The keyword (for example `parameters`, `prompt`, `workflow`, `Software`).
    public var keyword: String
    /// The text, decompressed and decoded (Latin-1 for tEXt/zTXt, UTF-8 for iTXt).
    public var text: String
    /// The chunk type it came from: `tEXt`, `zTXt` or `iTXt`.
    public var chunkType: String
    /// The iTXt language tag, when present and non-empty.
    public var languageTag: String?
    /// The iTXt translated keyword, when present and non-empty.
    public var translatedKeyword: String?

    /// Creates a text item.
    public init(
        keyword: String, text: String, chunkType: String, languageTag: String? = nil, translatedKeyword: String? = nil
    ) {
        self.keyword = keyword
        self.text = text
        self.chunkType = chunkType
        self.languageTag = languageTag
        self.translatedKeyword = translatedKeyword
    }
}
