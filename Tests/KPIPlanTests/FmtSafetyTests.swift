// Issue 15, `kpi fmt`: bytes that are not UTF-8 pass through, a canonical file is not rewritten,
// the file keeps its mode, owner, group, symbolic and hard links (every file of a run getting its
// outcome is `FmtCommandTests`, with the command line).

import Foundation
import KPIFiles
import KPITestSupport
import Testing

@testable import KPIPlan

@Suite struct FmtSafetyTests {
    static let messy: [UInt8] = Array("kpi  a \"caf".utf8) + [0xE9] + Array("\"\n   owner:  me\n".utf8)
    static let canonical: [UInt8] = Array("kpi a \"caf".utf8) + [0xE9] + Array("\"\n  owner: me\n".utf8)

    @Test func bytesThatAreNotUTF8PassThrough() {
        #expect(Formatter.format(bytes: Self.messy) == Self.canonical)
        #expect(Formatter.format(bytes: Self.canonical) == Self.canonical)
        // Invalid sequences of every kind: a lone continuation byte, a cut-short sequence, an overlong form, a surrogate.
        let odd: [UInt8] = Array("kpi   b\n  # ".utf8) + [0x80, 0xC3, 0x20, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xFF] + Array("\n".utf8)
        let expected: [UInt8] = Array("kpi b\n# ".utf8) + [0x80, 0xC3, 0x20, 0xC0, 0xAF, 0xED, 0xA0, 0x80, 0xFF] + Array("\n".utf8)
        #expect(Formatter.format(bytes: odd) == expected)
        #expect(Formatter.invalidBytePositions(Array("é€🚀".utf8)).isEmpty)
        #expect(Formatter.invalidBytePositions([0x61, 0xE9, 0x62, 0xF4, 0x90, 0x80, 0x80]) == [1, 3, 4, 5, 6])
        // A file holding the stand-in characters itself is left as it is rather than guessed at.
        let standIn: [UInt8] = Array("kpi  c \"".utf8) + [0xF4, 0x8F, 0xBF, 0xA9, 0xE9] + Array("\"\n".utf8)
        #expect(Formatter.format(bytes: standIn) == standIn)
        // Valid text is formatted exactly as the String formatter does.
        let acme = Array(Fixtures.example("acme.kpi").utf8)
        #expect(Formatter.format(bytes: acme) == Array(Formatter.format(Fixtures.example("acme.kpi")).utf8))
    }

    @Test func theWrittenFileKeepsModeOwnerAndLinks() throws {
        let folder = try temporaryFolder([:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        let isRoot = geteuid() == 0
        for (name, mode) in [("m600.kpi", 0o600), ("m400.kpi", 0o400), ("m755.kpi", 0o755), ("m2664.kpi", 0o2664)] as [(String, mode_t)] {
            #expect(FileManager.default.createFile(atPath: path(name), contents: Data(Self.messy)))
            if isRoot { #expect(chown(path(name), 65534, 65534) == 0) }
            #expect(chmod(path(name), mode) == 0)
            try PlanWriter.replace(path(name), original: Self.messy, with: Self.canonical).get()
            var info = stat()
            #expect(stat(path(name), &info) == 0)
            #expect(info.st_mode & 0o7777 == mode, "\(name): \(String(info.st_mode & 0o7777, radix: 8))")
            if isRoot { #expect(info.st_uid == 65534 && info.st_gid == 65534) }
            #expect(FileManager.default.contents(atPath: path(name)) == Data(Self.canonical))
        }
        #expect(FileManager.default.createFile(atPath: path("target.kpi"), contents: Data(Self.messy)))
        try FileManager.default.createSymbolicLink(atPath: path("link.kpi"), withDestinationPath: "target.kpi")
        try PlanWriter.replace(path("link.kpi"), original: Self.messy, with: Self.canonical).get()
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: path("link.kpi")) == "target.kpi")
        #expect(FileManager.default.contents(atPath: path("target.kpi")) == Data(Self.canonical))

        #expect(FileManager.default.createFile(atPath: path("hard.kpi"), contents: Data(Self.messy)))
        #expect(link(path("hard.kpi"), path("hard2.kpi")) == 0)
        try PlanWriter.replace(path("hard.kpi"), original: Self.messy, with: Self.canonical + Array("# longer\n".utf8)).get()
        var one = stat()
        var two = stat()
        #expect(stat(path("hard.kpi"), &one) == 0 && stat(path("hard2.kpi"), &two) == 0)
        #expect(one.st_ino == two.st_ino && one.st_nlink == 2)
        #expect(FileManager.default.contents(atPath: path("hard2.kpi")) == Data(Self.canonical + Array("# longer\n".utf8)))

        // A temporary file a killed run left (its process is gone) is removed by the next write.
        let leftover = path(PlanWriter.temporaryName(for: "m600.kpi", process: Int32.max - 1))
        #expect(FileManager.default.createFile(atPath: leftover, contents: Data("half".utf8)))
        try PlanWriter.replace(path("m600.kpi"), original: Self.canonical, with: Self.messy).get()
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
                "hard.kpi", "hard2.kpi", "link.kpi", "m2664.kpi", "m400.kpi", "m600.kpi", "m755.kpi", "target.kpi",
            ])
    }
}
