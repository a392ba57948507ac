// `kpi actual ID DATE VALUE [PATH...]`: the monthly check-in. Records an actual in the block of the
// KPI called ID (the edit is `Analysis.recordActual`: in date order, `actuals:` added when missing,
// every other byte unchanged) and writes the file; refuses a value whose unit does not fit the KPI.

import KPIFiles
import KPIPlan

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

func actual(_ raw: ArraySlice<String>) throws -> Int32 {
    let arguments = try Arguments(raw, flags: [], values: [])
    guard arguments.positional.count >= 3 else {
        throw UsageError(message: "actual needs a KPI id, a date and a value, like `kpi actual mrr 2027-09-30 '$135K' examples/acme.kpi`")
    }
    let id = arguments.positional[0]
    let date = arguments.positional[1]
    let value = arguments.positional[2]
    let (workspace, _) = loadWorkspace(Array(arguments.positional.dropFirst(3)))
    let analysis = workspace.analysisForChecksOnly(try analysisOptions(arguments))
    let matches = analysis.kpis(withID: id)
    guard let ref = matches.first else {
        let hint = Suggestions.closest(to: id, in: analysis.allIDs).map { ": did you mean `\($0)`?" } ?? ""
        fail("no KPI `\(id)` in \(workspace.files.count) file\(workspace.files.count == 1 ? "" : "s")\(hint)")
    }
    guard matches.count == 1 else {
        fail("`\(id)` is defined in \(matches.count) places (\(matches.map(\.path).joined(separator: ", "))): name the file")
    }
    let edit: PlanEdit
    switch analysis.recordActual(ref, date: date, value: value) {
    case .success(let made): edit = made
    case .failure(let refusal): fail(refusal.message, code: 1)
    }
    var bytes = workspace.files[ref.path]!.tree.bytes
    bytes.replaceSubrange(edit.range, with: Array(edit.newText.utf8))
    do { try Data(bytes).write(to: URL(fileURLWithPath: ref.path), options: .atomic) } catch {
        fail("cannot write \(ref.path): \(error)")
    }
    let line =
        PlanFile(path: ref.path, bytes: bytes).tree.lines.line(
            of: edit.range.lowerBound + (edit.newText.first == "\n" || edit.newText.hasPrefix("\r\n") ? 1 : 0)) + 1
    print("recorded \(id) \(date): \(value) in \(ref.path):\(line)")
    return 0
}
