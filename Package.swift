// swift-tools-version: 6.0
// galmorph — galaxy morphology classifier and sky-anisotropy audit.
//
// Layering (dependencies point one way, top to bottom):
//   C system libraries (module maps only)
//   CFuzzDriver                          libFuzzer's driver entry (C; a stub unless `make fuzz` builds it)
//   GalmorphSupport                      errors, provenance, checksums, atomic files, progress, seeded RNG
//   FITSIO · HDF5IO · ImageCodecs        file formats through cfitsio, libhdf5, libjpeg-turbo/libpng
//   CatalogIO                            one catalog abstraction over CSV/TSV(.gz), FITS tables and HDF5
//   CConvKernels → TensorCore → NeuralNet  Float32 tensors on OpenBLAS (+ C kernels); layers, model files
//   SkyGeometry → SkyStatistics          directions, frames, HEALPix, splits; proportion tests, dipole fits
//   Plotting                             PNG figures through cairo (Mollweide maps, curves)
//   MorphologyClassifier · SkySimulator  the CNN classifier; simulated survey cutouts
//   Attribution                          what the network looks at: occlusion, input gradients, galaxy footprints
//   AnisotropyAudit → Reports            the sky-split training protocol; tables, figures, notebooks
//   GalmorphCommands → galmorph          the command-line interface (a library, so tests run it in-process)
//   GalmorphFuzzing → GalmorphFuzz       the readers of user files as fuzz targets; the libFuzzer/replay driver
import PackageDescription

/// A Debian system library reached through pkg-config.
func systemLibrary(_ name: String, pkgConfig: String, apt: [String]) -> Target {
  .systemLibrary(name: name, path: "Sources/\(name)", pkgConfig: pkgConfig, providers: [.apt(apt)])
}

// One setting for every target: no unsafe flags, so the package can be a versioned dependency and release builds keep
// bounds checks and preconditions; hot loops that need unchecked access use unsafe buffer pointers locally.
let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

func library(_ name: String, _ deps: [Target.Dependency], settings: [SwiftSetting] = strict) -> Target {
  .target(name: name, dependencies: deps, swiftSettings: settings)
}

func tests(_ name: String, _ deps: [Target.Dependency], exclude: [String] = ["Reference"]) -> Target {
  .testTarget(name: name, dependencies: deps + ["_GalmorphTestSupport"], exclude: exclude, swiftSettings: strict)
}

let package = Package(
  name: "galmorph",
  platforms: [.macOS(.v14)],
  // Every module is a library product (one product per module, named as the module), so that a Swift package can
  // depend on exactly what it uses (README, "Use from Swift").
  products: [
    .executable(name: "galmorph", targets: ["galmorph"]),
    .executable(name: "GalmorphBench", targets: ["GalmorphBench"]),
    .executable(name: "GalmorphFuzz", targets: ["GalmorphFuzz"]),
  ]
    + [
      "GalmorphSupport", "FITSIO", "HDF5IO", "ImageCodecs", "CatalogIO", "TensorCore", "NeuralNet", "SkyGeometry",
      "SkyStatistics", "Plotting", "MorphologyClassifier", "Attribution", "SkySimulator", "AnisotropyAudit", "Reports",
      "GalmorphCommands", "GalmorphFuzzing",
    ].map { Product.library(name: $0, targets: [$0]) },
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
    library("FITSIO", ["CCFITSIO", "CZlib", "GalmorphSupport"]),
    library("HDF5IO", ["CHDF5", "GalmorphSupport"]),
    library("ImageCodecs", ["CTurboJPEG", "CPNG", "GalmorphSupport"]),
    library("CatalogIO", ["FITSIO", "HDF5IO", "CZlib", "GalmorphSupport"]),

    // MARK: - Numerics
    // C kernels compiled per instruction set with run-time dispatch (no unsafe flags: target attributes per function).
    .target(name: "CConvKernels", dependencies: []),
    library("TensorCore", ["COpenBLAS", "CConvKernels", "GalmorphSupport"]),
    library("NeuralNet", ["TensorCore", "HDF5IO", "GalmorphSupport"]),
    library("SkyGeometry", ["CCHEALPix", "GalmorphSupport"]),
    library(
      "SkyStatistics",
      [
        "SkyGeometry", "CatalogIO", "GalmorphSupport",
        .product(name: "Numerics", package: "swift-numerics"),
      ]),
    library("Plotting", ["CCairo", "GalmorphSupport"]),

    // MARK: - Science
    library(
      "MorphologyClassifier",
      [
        "NeuralNet", "TensorCore", "ImageCodecs", "CatalogIO", "FITSIO", "HDF5IO", "SkyGeometry",
        "GalmorphSupport",
      ]),
    library("Attribution", ["MorphologyClassifier", "NeuralNet", "GalmorphSupport"]),
    library("SkySimulator", ["SkyGeometry", "SkyStatistics", "FITSIO", "HDF5IO", "CatalogIO", "GalmorphSupport"]),
    library(
      "AnisotropyAudit",
      [
        "MorphologyClassifier", "TensorCore", "SkyStatistics", "SkyGeometry", "CatalogIO",
        "FITSIO", "HDF5IO", "GalmorphSupport",
      ]),
    library(
      "Reports",
      [
        "AnisotropyAudit", "MorphologyClassifier", "SkyStatistics", "SkyGeometry", "Plotting", "CatalogIO",
        "GalmorphSupport",
      ]),

    // MARK: - Command line
    library(
      "GalmorphCommands",
      [
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        "GalmorphSupport", "FITSIO", "HDF5IO", "ImageCodecs", "CatalogIO", "TensorCore", "NeuralNet",
        "SkyGeometry", "SkyStatistics", "Plotting", "MorphologyClassifier", "Attribution", "SkySimulator",
        "AnisotropyAudit", "Reports",
      ]),
    .executableTarget(name: "galmorph", dependencies: ["GalmorphCommands"], swiftSettings: strict),
    // Fuzzing (issue 21): the readers as fuzz targets, and their libFuzzer / replay driver (`make fuzz`).
    library(
      "GalmorphFuzzing",
      [
        "CatalogIO", "FITSIO", "HDF5IO", "ImageCodecs", "MorphologyClassifier", "Reports", "SkySimulator",
        "GalmorphSupport",
      ]),
    .target(name: "CFuzzDriver", path: "Sources/CFuzzDriver"),
    .executableTarget(name: "GalmorphFuzz", dependencies: ["GalmorphFuzzing", "CFuzzDriver"], swiftSettings: strict),
    .executableTarget(
      name: "GalmorphBench",
      dependencies: [
        "GalmorphSupport", "TensorCore", "NeuralNet", "SkyGeometry", "SkyStatistics", "MorphologyClassifier",
        "SkySimulator",
      ], swiftSettings: strict),

    // MARK: - Tests
    library("_GalmorphTestSupport", []),
    tests("GalmorphSupportTests", ["GalmorphSupport"]),
    tests("FITSIOTests", ["FITSIO", "GalmorphSupport"]),
    tests("HDF5IOTests", ["HDF5IO", "GalmorphSupport"]),
    tests("ImageCodecsTests", ["ImageCodecs", "GalmorphSupport"]),
    tests("CatalogIOTests", ["CatalogIO", "GalmorphSupport"]),
    tests("TensorCoreTests", ["TensorCore", "GalmorphSupport"]),
    tests("NeuralNetTests", ["NeuralNet", "TensorCore", "HDF5IO", "GalmorphSupport"]),
    tests("SkyGeometryTests", ["SkyGeometry", "GalmorphSupport"]),
    tests("SkyStatisticsTests", ["SkyStatistics", "SkyGeometry", "GalmorphSupport"]),
    tests("PlottingTests", ["Plotting", "GalmorphSupport"]),
    tests(
      "MorphologyClassifierTests",
      [
        "MorphologyClassifier", "NeuralNet", "ImageCodecs", "CatalogIO", "FITSIO",
        "HDF5IO", "SkyGeometry", "GalmorphSupport", "TensorCore",
      ]),
    tests("AttributionTests", ["Attribution", "MorphologyClassifier", "NeuralNet", "GalmorphSupport"], exclude: []),
    tests("GalmorphFuzzingTests", ["GalmorphFuzzing", "FITSIO", "HDF5IO"], exclude: ["Regressions", "Findings"]),
    tests("SkySimulatorTests", ["SkySimulator", "GalmorphSupport", "HDF5IO"]),
    tests(
      "AnisotropyAuditTests",
      [
        "AnisotropyAudit", "MorphologyClassifier", "SkyStatistics", "SkyGeometry", "FITSIO", "HDF5IO",
        "GalmorphSupport",
      ]),
    tests(
      "ReportsTests",
      [
        "Reports", "AnisotropyAudit", "MorphologyClassifier", "SkyGeometry", "Plotting",
        "GalmorphSupport",
      ], exclude: ["Reference", "Snapshots"]),
    tests(
      "GalmorphCommandsTests",
      [
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        "GalmorphCommands", "Reports", "AnisotropyAudit", "MorphologyClassifier", "Plotting", "SkyStatistics",
        "SkyGeometry", "ImageCodecs", "CatalogIO", "FITSIO", "HDF5IO", "GalmorphSupport",
      ], exclude: ["Reference", "Snapshots"]),
    tests("PackageLayoutTests", [], exclude: []),
    tests(
      "ReadmeExampleTests", ["AnisotropyAudit", "GalmorphSupport", "MorphologyClassifier", "Reports", "SkySimulator"],
      exclude: []),
  ],
  swiftLanguageModes: [.v6]
)
