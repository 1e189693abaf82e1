import Foundation
import Provenant

/// The benchmark result as Markdown, with the machine and the command.
enum BenchReport {
    static func markdown(_ result: BenchRunner.Result, jobs: Int, command: String) -> String {
        func ms(_ seconds: Double) -> String { String(format: "%.2f", seconds * 1000) }
        var text = "## Pipeline benchmark\n\n"
        text += "- command: `\(command)`\n"
        text += "- machine: \(machine())\n"
        #if DEBUG
            text += "- build: debug (use `swift build -c release` for real figures)\n"
        #else
            text += "- build: release\n"
        #endif
        text += "- images: \(result.images) (\(result.jpegs) JPEG), errors: \(result.errors)\n\n"
        text += "| stage | mean wall ms per image (1 job) | mean CPU ms per image (1 job) |\n| --- | ---: | ---: |\n"
        let cpuStages = result.stageCPUMeans.stages
        for (index, stage) in result.stageMeans.stages.enumerated() {
            text += "| \(stage.name) | \(ms(stage.seconds)) | \(ms(cpuStages[index].seconds)) |\n"
        }
        text += "| **total** | **\(ms(result.stageMeans.total))** | **\(ms(result.stageCPUMeans.total))** |\n\n"
        text += String(
            format: "Deep stage (cascade as configured): ran on %d of %d images, %.1f ms wall / %.1f ms CPU per image it ran on.\n\n",
            result.deepRuns, result.images, result.deepPerRun * 1000, result.deepCPUPerRun * 1000)
        let sequentialRate = result.sequentialSeconds > 0 ? Double(result.images) / result.sequentialSeconds : 0
        let parallelRate = result.parallelSeconds > 0 ? Double(result.images) / result.parallelSeconds : 0
        func utilisation(_ cpu: Double, _ wall: Double) -> Double { wall > 0 ? cpu / wall : 0 }
        text += "| jobs | seconds | images/s | CPU s | CPU ms per image | cores busy (CPU s / s) |\n"
        text += "| ---: | ---: | ---: | ---: | ---: | ---: |\n"
        text += String(
            format: "| 1 | %.2f | %.1f | %.2f | %.2f | %.2f |\n", result.sequentialSeconds, sequentialRate,
            result.sequentialCPU, result.sequentialCPU * 1000 / Double(max(1, result.images)),
            utilisation(result.sequentialCPU, result.sequentialSeconds))
        text += String(
            format: "| %d | %.2f | %.1f | %.2f | %.2f | %.2f |\n\n", jobs, result.parallelSeconds, parallelRate,
            result.parallelCPU, result.parallelCPU * 1000 / Double(max(1, result.images)),
            utilisation(result.parallelCPU, result.parallelSeconds))
        if sequentialRate > 0 {
            text += String(format: "Throughput ratio %d jobs / 1 job: **%.2f×**\n\n", jobs, parallelRate / sequentialRate)
        }
        if result.jpegs > 0 {
            text += "| per JPEG (mean) | wall ms | CPU ms |\n| --- | ---: | ---: |\n"
            text += "| Provenant whole pipeline (sum of stages, in process) | \(ms(result.pipelinePerJPEG)) | \(ms(result.pipelineCPUPerJPEG)) |\n"
            text += "| Provenant decode stage alone | \(ms(result.decodePerJPEG)) | \(ms(result.decodeCPUPerJPEG)) |\n"
            if let djpeg = result.djpegPerJPEG, let djpegCPU = result.djpegCPUPerJPEG {
                text += "| `djpeg -outfile /dev/null FILE` (fastest of runs, new process each) | \(ms(djpeg)) | \(ms(djpegCPU)) |\n"
                let startup = result.djpegStartup ?? 0
                let startupCPU = result.djpegCPUStartup ?? 0
                text += "| `djpeg -version` (process start-up alone) | \(ms(startup)) | \(ms(startupCPU)) |\n"
                let decodeOnly = max(djpeg - startup, 1e-6)
                let decodeOnlyCPU = max(djpegCPU - startupCPU, 1e-6)
                text += "| djpeg decode estimate (run − start-up) | \(ms(decodeOnly)) | \(ms(decodeOnlyCPU)) |\n\n"
                text += String(
                    format: "Pipeline / djpeg (start-up subtracted): **%.2f×** wall, **%.2f×** CPU. "
                        + "Pipeline / djpeg (process included): %.2f× wall, %.2f× CPU.\n",
                    result.pipelinePerJPEG / decodeOnly, result.pipelineCPUPerJPEG / decodeOnlyCPU,
                    result.pipelinePerJPEG / djpeg, result.pipelineCPUPerJPEG / djpegCPU)
            } else {
                text += "\n`djpeg` was not found (Debian package libjpeg-turbo-progs); no side-by-side figure.\n"
            }
        }
        return text
    }

    static func machine() -> String {
        var parts: [String] = []
        if let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = cpu.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let name = line.split(separator: ":", maxSplits: 1).last
        {
            parts.append(name.trimmingCharacters(in: .whitespaces))
        }
        parts.append("\(ProcessInfo.processInfo.activeProcessorCount) cores")
        parts.append(String(format: "%.1f GiB RAM", Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824))
        parts.append(ProcessInfo.processInfo.operatingSystemVersionString)
        return parts.joined(separator: ", ")
    }
}
