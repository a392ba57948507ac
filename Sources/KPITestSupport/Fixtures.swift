// Where the tests find the package's files (the example plans, the golden files, the built `kpi`)
// without bundle resources, and a seeded random generator so generated tests are the same every run.

import Foundation

public enum Fixtures {
    /// The package's root folder: the nearest folder above this source file (after following
    /// symbolic links, so a scratch package that links `Sources/` in works too) that holds `examples/`.
    public static let packageRoot: URL = {
        let here = URL(fileURLWithPath: #filePath)
        for start in [here.resolvingSymlinksInPath(), here] {
            var folder = start.deletingLastPathComponent()
            while folder.path != "/" && !folder.path.isEmpty {
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent("examples/acme.kpi").path) { return folder }
                folder = folder.deletingLastPathComponent()
            }
        }
        preconditionFailure("cannot find the package root (a folder with examples/acme.kpi) above \(#filePath)")
    }()

    /// The `examples/` folder.
    public static var examplesFolder: URL { packageRoot.appendingPathComponent("examples") }

    /// Every `examples/*.kpi`, sorted by name, as (file name, bytes).
    public static func examples() -> [(name: String, bytes: [UInt8])] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: examplesFolder.path)) ?? []
        return names.filter { $0.hasSuffix(".kpi") }.sorted().map { name in
            (name, [UInt8]((try? Data(contentsOf: examplesFolder.appendingPathComponent(name))) ?? Data()))
        }
    }

    /// The parser's golden inputs, `Tests/KPISyntaxTests/Golden/*.kpi`, sorted by name, as (name without `.kpi`, bytes).
    public static func goldenInputs() -> [(name: String, bytes: [UInt8])] {
        let folder = packageRoot.appendingPathComponent("Tests/KPISyntaxTests/Golden")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".kpi") }.sorted().map { name in
            (String(name.dropLast(4)), [UInt8]((try? Data(contentsOf: folder.appendingPathComponent(name))) ?? Data()))
        }
    }

    /// The text of one example, like `example("acme.kpi")`.
    public static func example(_ name: String) -> String {
        let url = examplesFolder.appendingPathComponent(name)
        guard let data = try? Data(contentsOf: url) else { preconditionFailure("cannot read \(url.path)") }
        return String(decoding: data, as: UTF8.self)
    }
}

/// SplitMix64: a tiny, fast, seeded generator, so generated inputs are identical on every run and
/// a failure names the seed that reproduces it.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64
    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
