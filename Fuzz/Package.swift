// swift-tools-version: 6.2
import PackageDescription

// libFuzzer targets for every parser of the root package (docs/fuzzing.md). Kept as a separate package
// so the main build and `swift test` are unchanged. Build only with the fuzzer runtime, as
// scripts/fuzz.sh does:
//   swift build --package-path Fuzz -c release --sanitize fuzzer --sanitize address \
//       -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table
// Each product is a libFuzzer binary: run it on a corpus directory to fuzz, or on files to replay them.

let fuzzTargets: [(name: String, dependencies: [Target.Dependency])] = [
    ("FuzzInflate", [.product(name: "ImageContainers", package: "Provenant")]),
    ("FuzzJPEGContainer", [.product(name: "ImageContainers", package: "Provenant")]),
    ("FuzzPNGContainer", [.product(name: "ImageContainers", package: "Provenant")]),
    ("FuzzEXIF", [.product(name: "ImageContainers", package: "Provenant")]),
    ("FuzzXMP", [.product(name: "ImageContainers", package: "Provenant")]),
    ("FuzzJUMBF", [.product(name: "C2PA", package: "Provenant")]),
    ("FuzzCBOR", [.product(name: "C2PA", package: "Provenant")]),
    ("FuzzCOSE", [.product(name: "C2PA", package: "Provenant")]),
    ("FuzzX509", [.product(name: "C2PA", package: "Provenant")]),
    ("FuzzC2PAStore", [.product(name: "C2PA", package: "Provenant")]),
    ("FuzzDecoders", [.product(name: "ImageDecoding", package: "Provenant")]),
    ("FuzzAnalyzer", [.product(name: "Provenant", package: "Provenant")]),
]

let package = Package(
    name: "ProvenantFuzz",
    platforms: [.macOS(.v15)],
    products: fuzzTargets.map { .executable(name: $0.name, targets: [$0.name]) },
    dependencies: [.package(name: "Provenant", path: "..")],
    targets: [
        .target(name: "FuzzSupport", dependencies: [.product(name: "ImageContainers", package: "Provenant")])
    ] + fuzzTargets.map {
        .executableTarget(
            name: $0.name,
            dependencies: $0.dependencies + ["FuzzSupport"],
            // The file holds only `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        )
    }
)
