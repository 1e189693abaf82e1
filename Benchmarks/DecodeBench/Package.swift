// swift-tools-version: 6.2
// Decode timing harness for docs/benchmarks-decoding.md. A nested package so the main package
// stays free of benchmark-only targets; build with `swift build -c release` in this folder.
import PackageDescription

let package = Package(
    name: "DecodeBench",
    platforms: [.macOS(.v15)],
    dependencies: [.package(name: "Provenant", path: "../..")],
    targets: [
        .executableTarget(
            name: "decode-bench",
            dependencies: [.product(name: "ImageDecoding", package: "Provenant")]
        )
    ]
)
