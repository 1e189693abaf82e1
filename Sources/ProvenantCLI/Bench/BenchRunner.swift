import Foundation
import Provenant

#if os(Linux)
    /// `RUSAGE_SELF` as the C type `getrusage` takes on Glibc.
    let rusageSelf = __rusage_who_t(RUSAGE_SELF.rawValue)
    /// `RUSAGE_CHILDREN` as the C type `getrusage` takes on Glibc.
    let rusageChildren = __rusage_who_t(RUSAGE_CHILDREN.rawValue)
#else
    let rusageSelf = RUSAGE_SELF
    let rusageChildren = RUSAGE_CHILDREN
#endif

/// Measures the pipeline on a folder: per-stage time, images/s with 1 and N jobs, and `djpeg` side by side.
struct BenchRunner {
    var files: [String]
    var jobs: Int
    var analyzer: Analyzer
    var djpegPath: String?
    var djpegRuns: Int

    struct Result {
        var images = 0
        var jpegs = 0
        var stageMeans = StageTimings()
        /// Mean CPU time per stage (1 job), unaffected by other processes.
        var stageCPUMeans = StageTimings()
        var sequentialSeconds = 0.0
        var parallelSeconds = 0.0
        /// Process CPU time (user + system) spent in each pass.
        var sequentialCPU = 0.0
        var parallelCPU = 0.0
        var errors = 0
        /// Images on which the deep stage ran (1-job pass), and its mean wall / CPU time per such image.
        var deepRuns = 0
        var deepPerRun = 0.0
        var deepCPUPerRun = 0.0
        /// Mean pipeline time per JPEG (sum of stages, 1 job), and mean decode stage time per JPEG.
        var pipelinePerJPEG = 0.0
        var decodePerJPEG = 0.0
        /// The same two in CPU time.
        var pipelineCPUPerJPEG = 0.0
        var decodeCPUPerJPEG = 0.0
        /// Mean `djpeg` wall time per JPEG (process included), and the process start-up cost alone.
        var djpegPerJPEG: Double?
        var djpegStartup: Double?
        /// Mean CPU time (user + system) of one `djpeg` run per JPEG, and of `djpeg -version`.
        var djpegCPUPerJPEG: Double?
        var djpegCPUStartup: Double?
    }

    func run(progress: (String) -> Void) async -> Result {
        var result = Result()
        result.images = files.count
        guard let first = files.first else { return result }
        _ = await analyzer.analyze(path: first)  // warm caches and lazily loaded tables

        progress("pass 1: \(files.count) images, 1 job\n")
        let clock = ContinuousClock()
        var totals = StageTimings()
        var cpuTotals = StageTimings()
        var jpegPipeline = 0.0
        var jpegDecode = 0.0
        var jpegPipelineCPU = 0.0
        var jpegDecodeCPU = 0.0
        var jpegFiles: [String] = []
        let sequentialStart = clock.now
        let sequentialCPUStart = Self.cpuSeconds()
        for file in files {
            let report = await analyzer.analyze(path: file)
            totals.add(report.timings)
            cpuTotals.add(report.cpuTimings)
            if report.error != nil { result.errors += 1 }
            if report.deepStage?.ran == true {
                result.deepRuns += 1
                result.deepPerRun += report.timings.deep
                result.deepCPUPerRun += report.cpuTimings.deep
            }
            if Self.isJPEG(file) {
                jpegFiles.append(file)
                jpegPipeline += report.timings.total
                jpegDecode += report.timings.decode
                jpegPipelineCPU += report.cpuTimings.total
                jpegDecodeCPU += report.cpuTimings.decode
            }
        }
        result.sequentialSeconds = Duration.seconds(clock.now - sequentialStart)
        result.sequentialCPU = Self.cpuSeconds() - sequentialCPUStart
        if result.deepRuns > 0 {
            result.deepPerRun /= Double(result.deepRuns)
            result.deepCPUPerRun /= Double(result.deepRuns)
        }
        let count = Double(files.count)
        result.stageMeans = StageTimings()
        result.stageMeans.add(totals)
        result.stageMeans = Self.divide(result.stageMeans, by: count)
        result.stageCPUMeans = Self.divide(cpuTotals, by: count)
        result.jpegs = jpegFiles.count
        if !jpegFiles.isEmpty {
            result.pipelinePerJPEG = jpegPipeline / Double(jpegFiles.count)
            result.decodePerJPEG = jpegDecode / Double(jpegFiles.count)
            result.pipelineCPUPerJPEG = jpegPipelineCPU / Double(jpegFiles.count)
            result.decodeCPUPerJPEG = jpegDecodeCPU / Double(jpegFiles.count)
        }

        progress("pass 2: \(files.count) images, \(jobs) jobs\n")
        let parallelStart = clock.now
        let parallelCPUStart = Self.cpuSeconds()
        await withTaskGroup(of: Void.self) { group in
            var inFlight = 0
            for file in files {
                if inFlight >= jobs {
                    await group.next()
                    inFlight -= 1
                }
                let analyzer = self.analyzer
                group.addTask { _ = await analyzer.analyze(path: file) }
                inFlight += 1
            }
            await group.waitForAll()
        }
        result.parallelSeconds = Duration.seconds(clock.now - parallelStart)
        result.parallelCPU = Self.cpuSeconds() - parallelCPUStart

        if let djpegPath, !jpegFiles.isEmpty {
            progress("pass 3: djpeg on \(jpegFiles.count) JPEGs\n")
            var startup = Double.infinity
            var startupCPU = Double.infinity
            for _ in 0..<5 {
                if let run = Self.time(djpegPath, ["-version"]) {
                    startup = min(startup, run.wall)
                    startupCPU = min(startupCPU, run.cpu)
                }
            }
            var best: [Double] = []
            var bestCPU: [Double] = []
            for file in jpegFiles {
                var fastest = Double.infinity
                var fastestCPU = Double.infinity
                for _ in 0..<max(1, djpegRuns) {
                    if let run = Self.time(djpegPath, ["-outfile", "/dev/null", file]) {
                        fastest = min(fastest, run.wall)
                        fastestCPU = min(fastestCPU, run.cpu)
                    }
                }
                if fastest.isFinite {
                    best.append(fastest)
                    bestCPU.append(fastestCPU)
                }
            }
            if !best.isEmpty {
                result.djpegPerJPEG = best.reduce(0, +) / Double(best.count)
                result.djpegCPUPerJPEG = bestCPU.reduce(0, +) / Double(bestCPU.count)
            }
            result.djpegStartup = startup.isFinite ? startup : nil
            result.djpegCPUStartup = startupCPU.isFinite ? startupCPU : nil
        }
        return result
    }

    /// User plus system CPU time of this process so far, in seconds.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        guard getrusage(rusageSelf, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }

    static func isJPEG(_ path: String) -> Bool {
        guard let head = ScanRunner.readHead(path) else { return false }
        return head.starts(with: [0xFF, 0xD8, 0xFF])
    }

    static func divide(_ timings: StageTimings, by count: Double) -> StageTimings {
        var out = StageTimings()
        guard count > 0 else { return out }
        out.read = timings.read / count
        out.container = timings.container / count
        out.decode = timings.decode / count
        out.detector = timings.detector / count
        out.watermark = timings.watermark / count
        out.metadata = timings.metadata / count
        out.c2pa = timings.c2pa / count
        out.fusion = timings.fusion / count
        return out
    }

    /// Wall time and CPU time (user + system, from the children's resource usage) of one run of a
    /// program, with its output discarded.
    static func time(_ executable: String, _ arguments: [String]) -> (wall: Double, cpu: Double)? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let clock = ContinuousClock()
        let cpuBefore = childrenCPUSeconds()
        let start = clock.now
        do { try process.run() } catch { return nil }
        process.waitUntilExit()
        return (Duration.seconds(clock.now - start), childrenCPUSeconds() - cpuBefore)
    }

    /// User plus system CPU time of this process's waited-for children, in seconds.
    static func childrenCPUSeconds() -> Double {
        var usage = rusage()
        guard getrusage(rusageChildren, &usage) == 0 else { return 0 }
        return Double(usage.ru_utime.tv_sec) + Double(usage.ru_utime.tv_usec) / 1_000_000
            + Double(usage.ru_stime.tv_sec) + Double(usage.ru_stime.tv_usec) / 1_000_000
    }

    /// The path of an executable found on PATH.
    static func which(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }
}
