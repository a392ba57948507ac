// `kpi fmt` run as a process: every file named gets its outcome (reformatted, left as it was, or
// why it could not be read), and standard input is formatted to standard output.

import Foundation
import Testing

@Suite struct FmtCommandTests {
    /// A file with a byte that is not UTF-8, as written and in canonical form.
    static let messy: [UInt8] = Array("kpi  a \"caf".utf8) + [0xE9] + Array("\"\n   owner:  me\n".utf8)
    static let canonical: [UInt8] = Array("kpi a \"caf".utf8) + [0xE9] + Array("\"\n  owner: me\n".utf8)

    @Test func everyFileOfARunGetsItsOutcome() throws {
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        for name in ["a.kpi", "c.kpi"] {
            #expect(FileManager.default.createFile(atPath: folder.appendingPathComponent(name).path, contents: Data(Self.messy)))
        }
        #expect(FileManager.default.createFile(atPath: folder.appendingPathComponent("b.kpi").path, contents: Data(Self.canonical)))
        let run = try kpi("fmt", "a.kpi", "missing.kpi", "b.kpi", "c.kpi", in: folder)
        #expect(run.status == 2)
        #expect(run.stdout == "reformatted a.kpi\nreformatted c.kpi\n")
        #expect(run.stderr == "kpi: cannot read missing.kpi: no such file\nkpi: 1 of 4 files could not be formatted\n")
        for name in ["a.kpi", "b.kpi", "c.kpi"] {
            #expect(FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) == Data(Self.canonical))
        }
        let stdin = try kpi("fmt", "-", in: folder, input: "kpi   x\n")
        #expect(stdin.status == 0 && stdin.stdout == "kpi x\n")
    }
}
