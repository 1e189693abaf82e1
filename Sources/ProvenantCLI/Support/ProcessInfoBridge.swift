import Foundation

/// Facts about the machine, for defaults and benchmark reports.
enum ProcessInfoBridge {
    static var activeProcessorCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }
}
