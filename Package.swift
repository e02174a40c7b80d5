// swift-tools-version: 6.0
// galmorph — galaxy morphology classifier and sky-anisotropy audit.
//
// Layering (dependencies point one way, top to bottom):
//   C system libraries (module maps only)
//   GalmorphSupport                      errors, provenance, checksums, atomic files, progress, seeded RNG
//   FITSIO · HDF5IO · ImageCodecs        file formats through cfitsio, libhdf5, libjpeg-turbo/libpng
//   CatalogIO                            one catalog abstraction over CSV/TSV(.gz), FITS tables and HDF5
//   TensorCore → NeuralNet               Float32 tensors on OpenBLAS; layers, losses, optimizers, model files
//   SkyGeometry → SkyStatistics          directions, frames, HEALPix, splits; proportion tests, dipole fits
//   Plotting                             PNG figures through cairo (Mollweide maps, curves)
//   MorphologyClassifier · SkySimulator  the CNN classifier; simulated survey cutouts
//   AnisotropyAudit → Reports            the sky-split training protocol; tables, figures, notebooks
//   GalmorphCommands → galmorph          the command-line interface (a library, so tests run it in-process)
import PackageDescription

/// A Debian system library reached through pkg-config.
func systemLibrary(_ name: String, pkgConfig: String, apt: [String]) -> Target {
  .systemLibrary(name: name, path: "Sources/\(name)", pkgConfig: pkgConfig, providers: [.apt(apt)])
}

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]
let fast: [SwiftSetting] = strict + [.unsafeFlags(["-Ounchecked"], .when(configuration: .release))]

func library(_ name: String, _ deps: [Target.Dependency], settings: [SwiftSetting] = strict) -> Target {
  .target(name: name, dependencies: deps, swiftSettings: settings)
}

func tests(_ name: String, _ deps: [Target.Dependency], exclude: [String] = ["Reference"]) -> Target {
  .testTarget(name: name, dependencies: deps + ["_GalmorphTestSupport"], exclude: exclude, swiftSettings: strict)
}

let package = Package(
  name: "galmorph",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "galmorph", targets: ["galmorph"]),
    .executable(name: "GalmorphBench", targets: ["GalmorphBench"]),
    .library(name: "GalmorphCommands", targets: ["GalmorphCommands"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
  ],
  targets: [
    // MARK: - C system libraries (Debian packages; see .ci/deps.sh)
    systemLibrary("CCFITSIO", pkgConfig: "cfitsio", apt: ["libcfitsio-dev"]),
    systemLibrary("COpenBLAS", pkgConfig: "openblas", apt: ["libopenblas-dev"]),
    systemLibrary("CHDF5", pkgConfig: "hdf5-serial", apt: ["libhdf5-dev"]),
    systemLibrary("CTurboJPEG", pkgConfig: "libturbojpeg", apt: ["libturbojpeg0-dev"]),
    systemLibrary("CPNG", pkgConfig: "libpng", apt: ["libpng-dev"]),
    systemLibrary("CZlib", pkgConfig: "zlib", apt: ["zlib1g-dev"]),
    systemLibrary("CCHEALPix", pkgConfig: "chealpix", apt: ["libchealpix-dev"]),
    systemLibrary("CCrypto", pkgConfig: "libcrypto", apt: ["libssl-dev"]),
    systemLibrary("CCairo", pkgConfig: "cairo", apt: ["libcairo2-dev"]),

    // MARK: - Foundations and formats
    library("GalmorphSupport", ["CCrypto"]),
    library("FITSIO", ["CCFITSIO", "GalmorphSupport"]),
    library("HDF5IO", ["CHDF5", "GalmorphSupport"]),
    library("ImageCodecs", ["CTurboJPEG", "CPNG", "GalmorphSupport"]),
    library("CatalogIO", ["FITSIO", "HDF5IO", "CZlib", "GalmorphSupport"]),

    // MARK: - Numerics
    library("TensorCore", ["COpenBLAS", "GalmorphSupport", .product(name: "Numerics", package: "swift-numerics")],
            settings: fast),
    library("NeuralNet", ["TensorCore", "HDF5IO", "GalmorphSupport"], settings: fast),
    library("SkyGeometry", ["CCHEALPix", "GalmorphSupport"]),
    library("SkyStatistics", ["SkyGeometry", "GalmorphSupport", .product(name: "Numerics", package: "swift-numerics")],
            settings: fast),
    library("Plotting", ["CCairo", "GalmorphSupport"]),

    // MARK: - Science
    library("MorphologyClassifier", ["NeuralNet", "ImageCodecs", "CatalogIO", "FITSIO", "HDF5IO", "GalmorphSupport"],
            settings: fast),
    library("SkySimulator", ["SkyGeometry", "SkyStatistics", "FITSIO", "HDF5IO", "CatalogIO", "GalmorphSupport"],
            settings: fast),
    library("AnisotropyAudit", ["MorphologyClassifier", "SkyStatistics", "SkyGeometry", "CatalogIO", "HDF5IO", "GalmorphSupport"]),
    library("Reports", ["AnisotropyAudit", "SkyStatistics", "Plotting", "CatalogIO", "GalmorphSupport"]),

    // MARK: - Command line
    library("GalmorphCommands", [
      .product(name: "ArgumentParser", package: "swift-argument-parser"),
      "GalmorphSupport", "FITSIO", "HDF5IO", "ImageCodecs", "CatalogIO", "TensorCore", "NeuralNet",
      "SkyGeometry", "SkyStatistics", "Plotting", "MorphologyClassifier", "SkySimulator", "AnisotropyAudit", "Reports",
    ]),
    .executableTarget(name: "galmorph", dependencies: ["GalmorphCommands"], swiftSettings: strict),
    .executableTarget(name: "GalmorphBench", dependencies: [
      "GalmorphSupport", "TensorCore", "NeuralNet", "SkyGeometry", "SkyStatistics", "MorphologyClassifier",
      "SkySimulator", "ImageCodecs",
    ], swiftSettings: fast),

    // MARK: - Tests
    library("_GalmorphTestSupport", ["GalmorphSupport"]),
    tests("GalmorphSupportTests", ["GalmorphSupport"]),
    tests("FITSIOTests", ["FITSIO"]),
    tests("HDF5IOTests", ["HDF5IO"]),
    tests("ImageCodecsTests", ["ImageCodecs"]),
    tests("CatalogIOTests", ["CatalogIO"]),
    tests("TensorCoreTests", ["TensorCore"]),
    tests("NeuralNetTests", ["NeuralNet", "TensorCore"]),
    tests("SkyGeometryTests", ["SkyGeometry"]),
    tests("SkyStatisticsTests", ["SkyStatistics", "SkyGeometry"]),
    tests("PlottingTests", ["Plotting"]),
    tests("MorphologyClassifierTests", ["MorphologyClassifier"]),
    tests("SkySimulatorTests", ["SkySimulator"]),
    tests("AnisotropyAuditTests", ["AnisotropyAudit"]),
    tests("ReportsTests", ["Reports"], exclude: ["Reference", "Snapshots"]),
    tests("GalmorphCommandsTests", ["GalmorphCommands"]),
  ],
  swiftLanguageModes: [.v6]
)
