// swift-tools-version: 6.2
import PackageDescription
import Foundation

/// Settings applied to every Swift target. CI sets `CI=true`, which turns every warning into an error.
let warningsAsErrors = ProcessInfo.processInfo.environment["CI"] != nil
let commonSwiftSettings: [SwiftSetting] =
    [.enableUpcomingFeature("ExistentialAny")] + (warningsAsErrors ? [.treatAllWarnings(as: .error)] : [])

let package = Package(
    name: "Provenant",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Provenant", targets: ["Provenant"]),
        .library(name: "C2PA", targets: ["C2PA"]),
        .library(name: "Forensics", targets: ["Forensics"]),
        .library(name: "ImageDecoding", targets: ["ImageDecoding"]),
        .library(name: "ImageContainers", targets: ["ImageContainers"]),
        .executable(name: "provenant", targets: ["ProvenantCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.0"),
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
        .target(name: "CImageShims", dependencies: ["CJPEG", "CPNG", "CWebP", "CHEIF", "CTIFF"]),

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

        // MARK: Façade and CLI
        .target(
            name: "Provenant",
            dependencies: ["C2PA", "Forensics", "ImageDecoding", "ImageContainers", "ByteParsing"],
            swiftSettings: commonSwiftSettings
        ),
        .executableTarget(
            name: "ProvenantCLI",
            dependencies: [
                "Provenant", "Forensics",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: commonSwiftSettings
        ),

        // MARK: Test support (only test targets depend on it)
        .target(
            name: "ProvenantTestSupport",
            dependencies: ["ImageDecoding"],
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
            name: "ProvenantTests", dependencies: ["Provenant", "ImageDecoding", "ProvenantTestSupport"], swiftSettings: commonSwiftSettings),
        .testTarget(
            name: "CLITests", dependencies: ["ProvenantCLI", "Provenant", "ImageDecoding", "ProvenantTestSupport"], swiftSettings: commonSwiftSettings
        ),
    ]
)
