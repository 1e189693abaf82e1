// swift-tools-version: 6.2
import PackageDescription
import Foundation

/// Settings applied to every Swift target. CI sets `CI=true`, which turns every warning into an error.
let warningsAsErrors = ProcessInfo.processInfo.environment["CI"] != nil
let commonSwiftSettings: [SwiftSetting] =
    [.enableUpcomingFeature("ExistentialAny")] + (warningsAsErrors ? [.treatAllWarnings(as: .error)] : [])

/// The deep stage's loops are optimised even in debug builds (tests run a CLIP forward pass), through an unsafe
/// flag. SwiftPM refuses unsafe flags in a versioned dependency, so when Provenant is checked out as another
/// package's dependency (under that package's `.build/checkouts/`) the flag is left out and the consumer's
/// build configuration applies.
let builtAsDependency = Context.packageDirectory.contains("/checkouts/")
let deepFeaturesOptimization: [SwiftSetting] = builtAsDependency ? [] : [.unsafeFlags(["-O"])]
let deepKernelOptimization: [CSetting] = builtAsDependency ? [] : [.unsafeFlags(["-O2"])]

let package = Package(
    name: "Provenant",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Provenant", targets: ["Provenant"]),
        .library(name: "C2PA", targets: ["C2PA"]),
        .library(name: "Forensics", targets: ["Forensics"]),
        .library(name: "ImageDecoding", targets: ["ImageDecoding"]),
        .library(name: "ImageContainers", targets: ["ImageContainers"]),
        .library(name: "ProvenantService", targets: ["ProvenantService"]),
        .executable(name: "provenant", targets: ["ProvenantCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.0"),
        // The HTTP service. Hummingbird's default traits pull in swift-configuration and full Foundation,
        // which the service does not use; turning them off keeps the clean build shorter.
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // MARK: C libraries (only ImageDecoding imports these)
        .systemLibrary(
            name: "CJPEG",
            pkgConfig: "libjpeg",
            providers: [.apt(["libjpeg-dev"]), .brew(["jpeg-turbo"])]
        ),
        .systemLibrary(
            name: "CPNG",
            pkgConfig: "libpng",
            providers: [.apt(["libpng-dev"]), .brew(["libpng"])]
        ),
        .systemLibrary(
            name: "CWebP",
            pkgConfig: "libwebpdemux",
            providers: [.apt(["libwebp-dev"]), .brew(["webp"])]
        ),
        .systemLibrary(
            name: "CHEIF",
            pkgConfig: "libheif",
            providers: [.apt(["libheif-dev"]), .brew(["libheif"])]
        ),
        .systemLibrary(
            name: "CTIFF",
            pkgConfig: "libtiff-4",
            providers: [.apt(["libtiff-dev"]), .brew(["libtiff"])]
        ),
        // FFmpeg (libavformat, libavcodec, libswscale, libavutil) for MP4, QuickTime and WebM video.
        .systemLibrary(
            name: "CFFmpeg",
            pkgConfig: "libavformat",
            providers: [.apt(["libavformat-dev", "libavcodec-dev", "libswscale-dev", "libavutil-dev"]), .brew(["ffmpeg"])]
        ),
        // The module map's `link` lines only autolink where Swift imports CFFmpeg; the C shim links FFmpeg itself.
        .target(
            name: "CImageShims", dependencies: ["CJPEG", "CPNG", "CWebP", "CHEIF", "CTIFF", "CFFmpeg"],
            linkerSettings: [
                .linkedLibrary("avformat"), .linkedLibrary("avcodec"), .linkedLibrary("swscale"), .linkedLibrary("avutil"),
            ]),

        // MARK: Bytes and containers (Foundation-free)
        .target(name: "ByteParsing", swiftSettings: commonSwiftSettings),
        .target(name: "ImageContainers", dependencies: ["ByteParsing"], swiftSettings: commonSwiftSettings),

        // MARK: Pixels
        .target(
            name: "ImageDecoding",
            dependencies: ["CImageShims", "ByteParsing", "ImageContainers"],
            swiftSettings: commonSwiftSettings
        ),

        // MARK: Provenance and forensics
        .target(
            name: "C2PA",
            dependencies: [
                "ByteParsing", "ImageContainers",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: commonSwiftSettings
        ),
        .target(
            name: "Forensics",
            dependencies: ["ByteParsing", "ImageContainers", "ImageDecoding"],
            swiftSettings: commonSwiftSettings
        ),

        // The deep stage's kernels, reproducing onnxruntime's CPU arithmetic bit for bit (AVX2 paths chosen at
        // run time, portable C elsewhere). Optimised even in debug builds, like DeepFeatures.
        .target(name: "CInt8GEMM", cSettings: deepKernelOptimization),
        // Deep stage: the CLIP ViT-B/16 image tower and the fused probe. Built optimised even in debug
        // builds (`-O`), so `swift test` runs its one forward pass in well under a second.
        .target(
            name: "DeepFeatures",
            dependencies: ["CInt8GEMM", "ImageDecoding", "Forensics"],
            swiftSettings: commonSwiftSettings + deepFeaturesOptimization
        ),

        // MARK: Façade and CLI
        .target(
            name: "Provenant",
            dependencies: [
                "C2PA", "Forensics", "DeepFeatures", "ImageDecoding", "ImageContainers", "ByteParsing",
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: commonSwiftSettings
        ),
        // MARK: HTTP service (on the façade; the CLI's `serve` only parses options and runs it)
        .target(
            name: "ProvenantService",
            dependencies: [
                "Provenant",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
            ],
            resources: [.copy("Resources")],
            swiftSettings: commonSwiftSettings
        ),
        .executableTarget(
            name: "ProvenantCLI",
            dependencies: [
                "Provenant", "Forensics", "DeepFeatures", "ProvenantService",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: commonSwiftSettings
        ),

        // MARK: Test support (only test targets depend on it)
        .target(
            name: "ProvenantTestSupport",
            dependencies: ["ImageDecoding", "Forensics", "DeepFeatures"],
            swiftSettings: commonSwiftSettings
        ),

        // MARK: Tests
        .testTarget(name: "ByteParsingTests", dependencies: ["ByteParsing", "ProvenantTestSupport"], swiftSettings: commonSwiftSettings),
        .testTarget(
            name: "ImageContainersTests",
            dependencies: ["ImageContainers", "ByteParsing", "ProvenantTestSupport"],
            swiftSettings: commonSwiftSettings
        ),
        .testTarget(
            name: "ImageDecodingTests",
            dependencies: ["ImageDecoding", "ImageContainers", "ByteParsing", "ProvenantTestSupport"],
            swiftSettings: commonSwiftSettings
        ),
        .testTarget(
            name: "C2PATests",
            dependencies: [
                "C2PA", "ImageContainers", "ByteParsing", "ProvenantTestSupport",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
            ],
            swiftSettings: commonSwiftSettings
        ),
        .testTarget(
            name: "ForensicsTests",
            dependencies: ["Forensics", "ImageDecoding", "ImageContainers"],
            swiftSettings: commonSwiftSettings
        ),
        .testTarget(
            name: "DeepFeaturesTests",
            dependencies: ["DeepFeatures", "ImageDecoding", "Forensics", "ProvenantTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: commonSwiftSettings
        ),
        .testTarget(
            name: "ProvenantTests", dependencies: ["Provenant", "Forensics", "ImageDecoding", "ProvenantTestSupport"], swiftSettings: commonSwiftSettings),
        .testTarget(
            name: "ServiceTests",
            dependencies: [
                "ProvenantService", "Provenant", "ProvenantTestSupport", "ProvenantCLI",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: commonSwiftSettings
        ),
        .testTarget(
            name: "CLITests", dependencies: ["ProvenantCLI", "Provenant", "ImageDecoding", "ProvenantTestSupport"], swiftSettings: commonSwiftSettings
        ),
    ]
)
