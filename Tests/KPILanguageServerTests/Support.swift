// Shared pieces of the end-to-end tests: sessions with the real `kpi lsp`, the two-file
// workspace (a company plan and a team plan that `use`s it), the acme example with markers put
// in by replacement, and small conversions.

import Foundation
import KPISyntax
import KPITestSupport
import LanguageServerProtocol
import Testing

/// A running, initialized server, with the temporary folder its files live in (kept alive as
/// long as the session, since the server reads `use`d files lazily).
final class Session {
    let client: LSPTestClient
    let folder: TemporaryFolder
    let initializeResult: InitializeResult

    /// Writes `files` (name → text) into a fresh folder, starts the server and initializes it,
    /// with that folder as the workspace root when `root` is true.
    init(
        files: [String: String] = [:], root: Bool = false, capabilities: ClientCapabilities = ClientCapabilities(),
        configuration: JSONValue? = nil, initializationOptions: JSONValue? = nil
    ) throws {
        folder = try TemporaryFolder()
        for (name, text) in files { try folder.write(name, text) }
        client = try LSPTestClient(configuration: configuration)
        initializeResult = try client.initialize(
            rootURI: root ? folder.uri : nil, capabilities: capabilities,
            initializationOptions: initializationOptions)
    }

    func uri(_ name: String) -> DocumentURI { folder.uri(name) }

    /// Opens a file with its text (it need not exist on disk).
    @discardableResult
    func open(_ name: String, _ text: String, version: Int = 1) -> DocumentURI {
        let uri = uri(name)
        client.open(uri: uri, text: text, version: version)
        return uri
    }

    /// Waits until every message sent so far is handled (the answer to a request comes after them).
    func sync() throws { _ = try client.workspaceSymbols("") }
}

// MARK: - Plans

enum Plans {
    /// The company plan of the two-file workspace, saved as `company.kpi`.
    static let company = """
        plan "Company FY2027"
          fiscal-year-start: January
          currency: USD
          as-of: 2027-07-15

        kpi revenue "Grow revenue to $12M"
          top-level
          perspective: financial
          metric: revenue
          owner: CEO
          baseline: $10M at 2026-12-31
          target: $12M by 2027-12-31
          actions:
            - Hire two account executives

        kpi profit "Reach $2M operating profit"
          top-level
          metric: profit
          owner: CFO
          baseline: $1.5M at 2026-12-31
          target: $2M by FY2027
          actions:
            - Renegotiate the hosting contract

        """

    /// The team plan, saved as `team.kpi`: it `use`s the company plan and cascades from `revenue`.
    static let team = """
        plan "Sales FY2027"
          fiscal-year-start: January
          currency: USD
          as-of: 2027-07-15

        use "company.kpi"

        kpi new-logos "Win 40 more customers"
          parent: revenue
          metric: pipeline coverage
          owner: Head of Sales
          baseline: 100 at 2026-12-31
          target: +40% by 2027-12-31
          actions:
            - Run a partner program

        kpi demos "Book more demos"
          parent: new-logos
          metric: booked demos
          owner: SDR lead
          baseline: 50/month at 2026-12-31
          target: +20% by 2027-12-31
          actions:
            - Call every trial user

        """

    static var acme: String { Fixtures.example("acme.kpi") }
}

/// `text` with `original` (which must occur exactly once) replaced by `marked`: how markers get
/// into a plan the tests do not write themselves, like the acme example.
func mark(_ text: String, _ original: String, _ marked: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
    let count = text.components(separatedBy: original).count - 1
    #expect(count == 1, "`\(original)` occurs \(count) times", sourceLocation: sourceLocation)
    return text.replacingOccurrences(of: original, with: marked)
}

/// Marks several places, in order.
func mark(_ text: String, _ replacements: [(String, String)], sourceLocation: SourceLocation = #_sourceLocation) -> String {
    replacements.reduce(text) { mark($0, $1.0, $1.1, sourceLocation: sourceLocation) }
}

/// The whole text's range, for range requests.
func wholeRange(_ text: String) -> LSPRange {
    LSPRange(
        start: Position(line: 0, character: 0),
        end: Position(line: text.split(separator: "\n", omittingEmptySubsequences: false).count, character: 0))
}

func describe(_ diagnostics: [Diagnostic]) -> String {
    diagnostics.map { "\($0.code ?? "?") \($0.range): \($0.message)" }.joined(separator: "\n")
}

/// A named test case, so `@Test(arguments:)` shows which one failed.
protocol NamedCase: CustomTestStringConvertible, Sendable {
    var name: String { get }
}

extension NamedCase {
    var testDescription: String { name }
}
