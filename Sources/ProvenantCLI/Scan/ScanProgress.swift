import Foundation

/// A one-line progress bar with rate and ETA, redrawn on standard error at most five times a second.
struct ScanProgress {
    let console: any Console
    let total: Int?
    let start = ContinuousClock.now
    var lastDraw = ContinuousClock.now - .seconds(1)

    mutating func update(done: Int, force: Bool = false) {
        let now = ContinuousClock.now
        guard force || now - lastDraw >= .milliseconds(200) else { return }
        lastDraw = now
        let elapsed = Double((now - start).components.seconds) + Double((now - start).components.attoseconds) * 1e-18
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        var line = "\r"
        if let total, total > 0 {
            let fraction = min(1, Double(done) / Double(total))
            let filled = Int(fraction * 30)
            line += "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: 30 - filled) + "] "
            line += "\(done)/\(total)"
            let remaining = rate > 0 ? Double(max(0, total - done)) / rate : 0
            line += String(format: "  %.1f img/s  ETA %@", rate, Self.duration(remaining))
        } else {
            line += String(format: "%d images  %.1f img/s", done, rate)
        }
        console.err(line + "   ")
    }

    func finish() { console.err("\n") }

    /// Erases the bar (carriage return, erase line) so a line written next starts clean; the next
    /// ``update(done:force:)`` draws it again.
    mutating func clear() {
        console.err("\r\u{1B}[K")
        lastDraw = ContinuousClock.now - .seconds(1)
    }

    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds.rounded())
        if total >= 3600 { return "\(total / 3600)h\(String(format: "%02d", (total % 3600) / 60))m" }
        if total >= 60 { return "\(total / 60)m\(String(format: "%02d", total % 60))s" }
        return "\(total)s"
    }
}
