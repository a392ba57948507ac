// swift-tools-version:6.0
// The KPI plan language server. Toolchain only: no third-party packages.
// Dependencies run one way: syntax → plan model → (file loading, protocol types) → server → `kpi`.
import PackageDescription

let package = Package(
    name: "kpi",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "kpi", targets: ["kpi"]),
        .library(name: "KPIPlan", targets: ["KPIPlan"]),
    ],
    targets: [
        .target(name: "KPISyntax"),
        .target(name: "KPIPlan", dependencies: ["KPISyntax"]),
        .target(name: "KPIFiles", dependencies: ["KPIPlan"]),
        .target(name: "LanguageServerProtocol"),
        .target(name: "KPILanguageServer", dependencies: ["KPIPlan", "KPIFiles", "LanguageServerProtocol"]),
        // Linked at a fixed address in release builds: no 40,000 relocations to apply at every
        // start (0.5 ms of the 3 ms from spawn to the `initialize` answer; Benchmarks/README.md).
        .executableTarget(name: "kpi", dependencies: ["KPIPlan", "KPIFiles", "KPILanguageServer"],
                          linkerSettings: [.unsafeFlags(["-Xclang-linker", "-no-pie"], .when(platforms: [.linux], configuration: .release))]),
        .target(name: "KPITestSupport", dependencies: ["KPIPlan", "KPIFiles", "LanguageServerProtocol"]),
        .testTarget(name: "KPISyntaxTests", dependencies: ["KPISyntax", "KPITestSupport"],
                    exclude: ["Golden"]),
        .testTarget(name: "KPIPlanTests", dependencies: ["KPIPlan", "KPIFiles", "KPITestSupport"]),
        .testTarget(name: "LanguageServerProtocolTests", dependencies: ["LanguageServerProtocol"]),
        .testTarget(name: "KPILanguageServerTests", dependencies: ["KPILanguageServer", "KPITestSupport"]),
    ]
)
