// Issue 15, reading: a plan's `use` names only `*.kpi` regular files; anything else is turned
// away by its name or by `stat` with its reason, before it is opened; sizes are capped; a
// non-blocking input is waited for, never spun on.

import Foundation
import KPIFiles
import KPIPlan
import Testing

@Suite struct PlanReadingSecurityTests {
    @Test func onlyKPIRegularFilesAreRead() throws {
        let folder = try temporaryFolder(["a.kpi": "kpi a\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = { (name: String) in folder.appendingPathComponent(name).path }
        #expect(mkfifo(path("fifo.kpi"), 0o600) == 0)
        try FileManager.default.createDirectory(atPath: path("folder.kpi"), withIntermediateDirectories: false)
        try FileManager.default.createSymbolicLink(atPath: path("evil.kpi"), withDestinationPath: "/etc/passwd")
        try FileManager.default.createSymbolicLink(atPath: path("zero.kpi"), withDestinationPath: "/dev/zero")
        try FileManager.default.createSymbolicLink(atPath: path("kmsg.kpi"), withDestinationPath: "/proc/kmsg")
        try FileManager.default.createSymbolicLink(atPath: path("linked.kpi"), withDestinationPath: "a.kpi")
        #expect(FileManager.default.createFile(atPath: path("big.kpi"), contents: nil))
        let big = try FileHandle(forWritingTo: URL(fileURLWithPath: path("big.kpi")))
        try big.truncate(atOffset: UInt64(PlanFiles.maxFileSize + 1))  // sparse: no disk used
        try big.close()

        #expect(PlanFiles.maxFileSize == 64 << 20)
        #expect(try PlanFiles.read(path("linked.kpi")).get() == Array("kpi a\n".utf8))
        let refusals: [(String, PlanFiles.ReadError)] = [
            ("/etc/passwd", .notAPlan("only `.kpi` files are read as plans")),
            ("/proc/kmsg", .notAPlan("only `.kpi` files are read as plans")),
            ("/proc/self/environ", .notAPlan("only `.kpi` files are read as plans")),
            (path("fifo.kpi"), .notAPlan("it is a FIFO")),
            (path("folder.kpi"), .isFolder),
            (path("evil.kpi"), .notAPlan("it is a link to `/etc/passwd`, and only `.kpi` files are read as plans")),
            (path("zero.kpi"), .notAPlan("it is a link to `/dev/zero`, and only `.kpi` files are read as plans")),
            (path("kmsg.kpi"), .notAPlan("it is a link to `/proc/kmsg`, and only `.kpi` files are read as plans")),
            (path("big.kpi"), .unreadable("it is larger than 64 MB")),
        ]
        for (refused, error) in refusals {
            #expect(throws: error) { try PlanFiles.read(refused).get() }
        }
        #expect(PlanFiles.ReadError.notAPlan("it is a FIFO").description == "it is not a plan file (it is a FIFO)")
    }

    @Test func aUseOfSomethingElseIsAnUnresolvedUseWithItsReason() throws {
        let folder = try temporaryFolder(["plan.kpi": "use \"/proc/kmsg\"\nuse \"fifo.kpi\"\nkpi a \"A\"\n  top-level\n  owner: me\n"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let planPath = folder.appendingPathComponent("plan.kpi").path
        #expect(mkfifo(folder.appendingPathComponent("fifo.kpi").path, 0o600) == 0)
        var workspace = Workspace(files: [try PlanFiles.load([planPath])[0].get()])
        #expect(PlanFiles.loadUses(into: &workspace).isEmpty)
        let messages = workspace.analysis(AnalysisOptions(today: Day(year: 2027, month: 1, day: 1)!)).diagnostics(for: planPath)
            .filter { $0.code == .unresolvedUse }.map(\.message)
        #expect(
            messages == [
                "cannot use `/proc/kmsg`: it is not a plan file (only `.kpi` files are read as plans)",
                "cannot use `fifo.kpi`: it is not a plan file (it is a FIFO)",
            ])
    }

    @Test(.timeLimit(.minutes(1)))
    func aNonBlockingInputIsWaitedForWithoutSpinning() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        #expect(fcntl(ends[0], F_SETFL, fcntl(ends[0], F_GETFL) | O_NONBLOCK) == 0)
        let writer = ends[1]
        let thread = Thread {
            usleep(300_000)
            _ = Array("kpi late\n".utf8).withUnsafeBytes { write(writer, $0.baseAddress, $0.count) }
            close(writer)
        }
        thread.start()
        var before = rusage()
        var after = rusage()
        getrusage(1, &before)  // RUSAGE_THREAD: this thread alone (tests run in parallel)
        let read = PlanFiles.readAll(from: ends[0])
        getrusage(1, &after)
        close(ends[0])
        #expect(try read.get() == Array("kpi late\n".utf8))
        // Waiting 0.3 s in `poll` costs next to no CPU; reading again and again on EAGAIN cost all of it.
        let cpu = Double(after.ru_utime.tv_sec - before.ru_utime.tv_sec) + Double(after.ru_utime.tv_usec - before.ru_utime.tv_usec) / 1e6
        #expect(cpu < 0.2, "\(cpu) s of CPU")
    }
}
