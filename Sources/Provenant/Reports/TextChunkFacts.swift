/// A PNG text chunk: `{"keyword", "chunk_type", "text"}`; the text is cut at 200 characters.
public struct TextChunkFacts: Sendable, Hashable, Encodable {
    /// The chunk's keyword (for example `parameters`).
    public var keyword: String
    /// `tEXt`, `zTXt` or `iTXt`.
    public var chunkType: String
    /// The text, cut at 200 characters with `…` appended when longer.
    public var text: String

    /// Creates a text chunk summary, shortening the text.
    public init(keyword: String, chunkType: String, text: String) {
        self.keyword = keyword
        self.chunkType = chunkType
        self.text = text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    enum CodingKeys: String, CodingKey {
        case keyword
        case chunkType = "chunk_type"
        case text
    }
}
