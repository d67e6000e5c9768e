// swift-tools-version: 6.0
import PackageDescription

// MARK: - Targets
//
// Imports point toward the core (no cycles; only the CLI, Daemon, Store and FileIO touch files):
//   paperradar (thin CLI) → Daemon → Pipeline → Store, Reports, Recommendation, Topics, Clustering, TextFeatures,
//                                               DigestParsing, BundledModels
//   Pipeline: ModelRepository (models and vector blocks in and out), VectorSpace (built once, one fold-in path),
//             ModelFitter, TopicFitter via Topics, RelatedQueries, ReportBuilder, ReadingLists, DigestIntake
//   Daemon: DropFolderService (swift-service-lifecycle) → DropScheduler (pure), DigestProcessor, DigestJournal over
//           the Store's JournalStore, ModelKeeper (actor on its own thread), RefitRunner (child task)
//   Topics → Clustering → LinearAlgebra → CLinearAlgebra (BLAS/LAPACK, imported by BLAS.swift alone)
//   TextFeatures → LinearAlgebra; Recommendation → LinearAlgebra
//   Store → GRDB, CZlib (gzip'd JSON Lines), FileIO; FileIO → swift-system (one atomic writer, one bounded reader)
//   Reports: values in, Markdown / HTML+SVG / JSON / Atom out (no dependencies, no I/O)
//   PaperRadarCore: Paper, ArxivID, Timestamp, Stopwatch, Parallel (no dependencies)
//   Web (paperradar serve) → Hummingbird, Daemon, Pipeline, Store, Reports
// Tests: one target per library target, TestSupport shared by them (repository paths, snapshots, seeded data),
// and EndToEndTests running the built binary.

let package = Package(
    name: "PaperRadar",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "paperradar", targets: ["paperradar"]),
        .library(name: "PaperRadarCore", targets: ["PaperRadarCore"]),
        .library(name: "DigestParsing", targets: ["DigestParsing"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "TextFeatures", targets: ["TextFeatures"]),
        .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.6.0"),
        .package(url: "https://github.com/apple/swift-system", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        // MARK: - Core values (no I/O, no dependencies)
        .target(name: "PaperRadarCore"),

        // MARK: - File I/O (one bounded reader, one atomic writer, moves, listings; on swift-system)
        .target(name: "FileIO", dependencies: [.product(name: "SystemPackage", package: "swift-system")]),

        // MARK: - Shipped model files (models/ embedded at build time)
        .executableTarget(name: "EmbedModelsTool", path: "Sources/EmbedModelsTool"),
        .plugin(
            name: "EmbedModelsPlugin", capability: .buildTool(), dependencies: ["EmbedModelsTool"],
            path: "Sources/EmbedModelsPlugin"),
        .target(name: "BundledModels", plugins: ["EmbedModelsPlugin"]),

        // MARK: - Parsing (String → [Paper])
        .target(name: "DigestParsing", dependencies: ["PaperRadarCore"]),

        // MARK: - Text features (TF-IDF)
        .target(
            name: "TextFeatures",
            dependencies: ["PaperRadarCore", "LinearAlgebra", .product(name: "Algorithms", package: "swift-algorithms")]),

        // MARK: - Linear algebra (BLAS / LAPACK)
        .systemLibrary(
            name: "CLinearAlgebra",
            providers: [.apt(["libblas-dev", "liblapack-dev"])]
        ),
        .target(
            name: "LinearAlgebra",
            dependencies: ["CLinearAlgebra", "PaperRadarCore", .product(name: "Algorithms", package: "swift-algorithms")]
        ),

        // MARK: - Clustering (spherical k-means, choosing k, metrics, stable ids)
        .target(
            name: "Clustering",
            dependencies: ["PaperRadarCore", "LinearAlgebra", .product(name: "Algorithms", package: "swift-algorithms")]
        ),

        // MARK: - Topic labels and names (class-based TF-IDF, named topics from models/topics.toml)
        .target(name: "Topics", dependencies: ["PaperRadarCore", "LinearAlgebra", "Clustering"]),

        // MARK: - Related papers and reading lists
        .target(name: "Recommendation", dependencies: ["PaperRadarCore", "LinearAlgebra"]),

        // MARK: - Reports (report values in, Markdown / HTML+SVG / JSON / Atom out; no I/O)
        .target(name: "Reports"),

        // MARK: - Storage (SQLite through GRDB; all storage I/O)
        .systemLibrary(name: "CZlib", providers: [.apt(["zlib1g-dev"])]),
        .target(
            name: "Store",
            dependencies: ["PaperRadarCore", "FileIO", "CZlib", .product(name: "GRDB", package: "GRDB.swift")]
        ),

        // MARK: - Pipeline (fit, related, topics, reports over a store; used by the CLI and the daemon)
        .target(
            name: "Pipeline",
            dependencies: [
                "PaperRadarCore", "FileIO", "DigestParsing", "Store", "TextFeatures", "LinearAlgebra", "Recommendation",
                "Clustering", "Topics", "BundledModels", "Reports",
            ]
        ),

        // MARK: - Daemon (drop-folder watcher, lifecycle, logging, delivery through the system's mailer and hooks)
        .target(
            name: "Daemon",
            dependencies: [
                "PaperRadarCore", "FileIO", "DigestParsing", "Store", "Pipeline", "Reports", "Recommendation",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ]
        ),

        // MARK: - Web app (`paperradar serve`: pages, search, ratings, feeds over one store and one space)
        .target(
            name: "Web",
            dependencies: [
                "PaperRadarCore", "FileIO", "Store", "Pipeline", "Reports", "Recommendation", "Daemon",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),

        // MARK: - Command-line tool
        .executableTarget(
            name: "paperradar",
            dependencies: [
                "PaperRadarCore", "FileIO", "DigestParsing", "Store", "TextFeatures", "LinearAlgebra", "Recommendation",
                "Pipeline", "Reports", "Daemon", "Web",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: - Tests
        .target(
            name: "TestSupport", dependencies: ["LinearAlgebra"], path: "Tests/TestSupport"),
        .testTarget(name: "PaperRadarCoreTests", dependencies: ["PaperRadarCore"]),
        .testTarget(
            name: "FileIOTests", dependencies: ["FileIO", .product(name: "SystemPackage", package: "swift-system")]),
        .testTarget(name: "BundledModelsTests", dependencies: ["BundledModels", "TestSupport"]),
        .testTarget(name: "DigestParsingTests", dependencies: ["DigestParsing", "TestSupport"]),
        .testTarget(
            name: "StoreTests",
            dependencies: ["Store", "DigestParsing", "FileIO", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "TextFeaturesTests", dependencies: ["TextFeatures", "TestSupport"]),
        .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
        .testTarget(name: "ClusteringTests", dependencies: ["Clustering", "TestSupport"]),
        .testTarget(name: "TopicsTests", dependencies: ["Topics", "Clustering", "TestSupport"]),
        .testTarget(name: "RecommendationTests", dependencies: ["Recommendation"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "TestSupport"], exclude: ["Snapshots"]),
        .testTarget(name: "PipelineTests", dependencies: ["Pipeline", "DigestParsing", "Store", "TestSupport"]),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "Daemon", "Pipeline", "Store", "DigestParsing", "Reports", "PaperRadarCore", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "WebTests",
            dependencies: [
                "Web", "Daemon", "Pipeline", "Store", "Reports", "Recommendation", "PaperRadarCore", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .testTarget(name: "EndToEndTests", dependencies: ["paperradar", "TestSupport"], exclude: ["Snapshots"]),
    ]
)
