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
        // No linker flags here: the README's install command links `kpi` statically (no loader
        // work at start-up); a `-no-pie` flag here made the loader warn at every run of a build
        // against the shared runtime.
        .target(name: "CHeap"),  // one C call Swift's platform modules lack: `mallopt`
        .executableTarget(
            name: "kpi", dependencies: ["KPIPlan", "KPIFiles", "KPILanguageServer", "LanguageServerProtocol", "CHeap"]),
        .target(name: "KPITestSupport", dependencies: ["KPIPlan", "KPIFiles", "LanguageServerProtocol"]),
        .testTarget(
            name: "KPISyntaxTests", dependencies: ["KPISyntax", "KPITestSupport"],
            exclude: ["Golden"]),
        .testTarget(name: "KPIPlanTests", dependencies: ["KPIPlan", "KPIFiles", "KPITestSupport"]),
        // The command line run as a process: the `kpi` that `swift build --build-tests` builds
        // beside the test bundle (`KPIExecutable`).
        .testTarget(name: "KPICommandLineTests", dependencies: ["KPIPlan", "KPITestSupport"], exclude: ["Golden"]),
        .testTarget(name: "LanguageServerProtocolTests", dependencies: ["LanguageServerProtocol"]),
        .testTarget(name: "KPILanguageServerTests", dependencies: ["KPILanguageServer", "KPITestSupport"]),
    ]
)
