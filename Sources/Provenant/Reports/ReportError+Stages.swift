import ByteParsing

extension ReportError {
    /// Maps a parse error to `stage.code`, keeping the byte offset in the message.
    init(parse error: ParseError, stage: String) {
        self.init(code: "\(stage).\(error.code.rawValue)", message: error.description)
    }
}
