// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "kpi",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kpi", targets: ["kpi"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .target(name: "CMalloc"),
        .target(name: "KPIFormula"),
        .target(
            name: "KPICatalog",
            dependencies: ["KPIFormula", .product(name: "Yams", package: "Yams")]
        ),
        .target(name: "KPIReaders", dependencies: [.product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "KPIStore", dependencies: ["CSQLite", "KPIFormula", "KPIReaders", .product(name: "Crypto", package: "swift-crypto")]),
        .target(name: "KPIEngine", dependencies: ["KPICatalog", "KPIFormula", "KPIStore",
                                                  .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")]),
        .target(name: "KPIDemo", dependencies: ["KPICatalog", "KPIStore", "KPIEngine"]),
        .target(name: "KPIExport", dependencies: ["KPIEngine", "KPICatalog", "KPIFormula", "KPIReaders", "KPIStore", "CXlsxWriter"]),
        .target(name: "KPIViews", dependencies: ["KPIEngine", "KPICatalog", "KPIFormula", "KPIStore"]),
        .target(
            name: "KPIServer",
            dependencies: [
                "KPIEngine", "KPICatalog", "KPIStore", "KPIViews", "KPIExport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        .executableTarget(
            name: "kpi",
            dependencies: [
                "KPIFormula", "KPICatalog", "KPIReaders", "KPIStore", "KPIEngine", "KPIExport", "KPIDemo", "KPIViews", "KPIServer", "CMalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "KPIFormulaTests", dependencies: ["KPIFormula", "KPIStore"]),
        .testTarget(name: "KPICatalogTests", dependencies: ["KPICatalog", "KPIStore"]),
        .testTarget(name: "KPIReadersTests", dependencies: ["KPIReaders", "CXlsxWriter"]),
        .testTarget(name: "KPIImportTests", dependencies: ["KPIEngine", "KPICatalog", "KPIStore", "KPIExport"]),
        .testTarget(name: "KPIStoreTests", dependencies: ["KPIStore"]),
        .target(name: "KPITestSupport", dependencies: ["KPIEngine", "KPICatalog", "KPIStore"], path: "Tests/KPITestSupport"),
        .testTarget(name: "KPIEngineTests", dependencies: ["KPIEngine", "KPICatalog", "KPIStore", "KPITestSupport"]),
        .testTarget(name: "KPIDemoTests", dependencies: ["KPIDemo"]),
        .testTarget(name: "KPIExportTests", dependencies: ["KPIExport", "KPIDemo", "KPIEngine", "KPICatalog", "KPIStore"]),
        .testTarget(name: "KPICommandTests", dependencies: ["KPICatalog", "kpi"]),
        .testTarget(
            name: "KPIServerTests",
            dependencies: ["KPIServer", "KPIEngine", "KPICatalog", "KPIStore", "KPITestSupport",
                           .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
    ]
)
